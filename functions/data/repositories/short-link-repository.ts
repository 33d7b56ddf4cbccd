/** SMS short links: stored once per unit, deadline and link key; resolved by id. */
import type { ShortLink, StoredShortLink } from "../../../shared/submission/short-link";
import { shortLinkEntity } from "../entities/short-link";
import type { ConditionalPut, TableClient } from "../table-client";

export class ShortLinkRepository {
  constructor(private readonly table: TableClient) {}

  /**
   * Stores a short link once per unit, deadline and link key. It is written again only to carry
   * it further: a later expiry (the deadline was extended), or a key renamed since. The instance
   * must match, so a colliding id never re-points another unit's link.
   */
  save(link: ShortLink, issuedAt: Date): Promise<boolean> {
    const { item, condition } = this.saving(link, issuedAt);
    return this.table.put(item, condition);
  }

  /** The conditional put that `save` sends, for a caller that writes it with others (the claims of its SMS). */
  saving(link: ShortLink, issuedAt: Date): ConditionalPut {
    return {
      item: shortLinkEntity.item({
        id: link.id,
        instanceId: link.instanceId,
        keyId: link.keyId,
        linkExpiresAt: link.expiresAt,
        issuedAt: issuedAt.toISOString(),
      }),
      condition: {
        expression:
          "attribute_not_exists(pk) OR (instanceId = :i AND (attribute_not_exists(keyId) OR keyId <> :k OR linkExpiresAt < :e))",
        values: { ":i": link.instanceId, ":k": link.keyId, ":e": link.expiresAt },
      },
    };
  }

  async resolve(id: string): Promise<StoredShortLink | undefined> {
    if (!/^[A-Za-z0-9_-]{6,32}$/.test(id)) return undefined;
    const item = await this.table.get(shortLinkEntity.key({ id }));
    const parsed = item && shortLinkEntity.schema.safeParse({ ...item, id });
    if (!parsed?.success) return undefined;
    const { instanceId, keyId, linkExpiresAt } = parsed.data;
    return {
      id,
      instanceId,
      ...(keyId !== undefined && { keyId }),
      ...(linkExpiresAt !== undefined && { expiresAt: linkExpiresAt }),
    };
  }
}

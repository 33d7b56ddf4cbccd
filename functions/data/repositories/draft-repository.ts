/**
 * The drafts of plans (the console's plan intake): one Query lists a plan's drafts; every write of
 * a draft is conditional on the version read, so two people correcting the same draft never
 * overwrite each other silently. Publishing deletes the draft in the same transaction as the audit
 * entry that records the publication.
 */
import { type AuditRecord, auditEntity } from "../entities/audit";
import { type DraftRecord, draftEntity, draftsPk } from "../entities/draft";
import { compose } from "../entity";
import type { Condition, TableClient, TransactOutcome } from "../table-client";

const versionIs = (version: number): Condition => ({
  expression: "#version = :seen",
  names: { "#version": "version" },
  values: { ":seen": version },
});

export class DraftRepository {
  constructor(private readonly table: TableClient) {}

  async get(planId: string, draftId: string): Promise<DraftRecord | undefined> {
    const item = await this.table.get(draftEntity.key({ planId, draftId }));
    return item && draftEntity.parse(item);
  }

  /** A plan's drafts, oldest first (one Query). */
  async ofPlan(planId: string): Promise<DraftRecord[]> {
    const items = await this.table.query({ pk: draftsPk(planId), sk: { beginsWith: compose("DRAFT", "") } });
    return draftEntity.among(items).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** A new draft; false if one with its id exists. */
  create(draft: DraftRecord): Promise<boolean> {
    return this.table.put(draftEntity.item(draft), { expression: "attribute_not_exists(pk)" });
  }

  /** The draft replaced by `next` (its version one more), only if it is still at `seenVersion`. */
  replace(next: DraftRecord, seenVersion: number): Promise<boolean> {
    return this.table.put(draftEntity.item({ ...next, version: seenVersion + 1 }), versionIs(seenVersion));
  }

  /** Discards a draft as read; false if it changed or is gone. */
  discard(draft: DraftRecord): Promise<boolean> {
    return this.table.delete(draftEntity.key(draft), versionIs(draft.version));
  }

  /** The draft deleted and the audit entry of its publication put, together. */
  publishedWith(draft: DraftRecord, entry: AuditRecord): Promise<TransactOutcome> {
    return this.table.transact([
      { put: auditEntity.item(entry), condition: { expression: "attribute_not_exists(pk)" } },
      { delete: draftEntity.key(draft), condition: versionIs(draft.version) },
    ]);
  }
}

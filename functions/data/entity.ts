/**
 * A small entity definition in the spirit of ElectroDB and DynamoDB-Toolbox, by hand: an item
 * type with a zod schema (items are parsed on the way out, never cast), its table key and index
 * keys computed from its named attributes, declared once. Keys are composed here and nowhere else.
 */
import type { z } from "zod";
import { type IndexName, TABLE_KEYS } from "./table";
import type { Item } from "./table-client";

export interface TableKey {
  pk: string;
  sk: string;
}

/** Ids never contain "#" (shared/calendar/instance-id.ts), so composed keys split unambiguously. */
export const compose = (...parts: Array<string | number>) => parts.join("#");

export interface EntityDefinition<V, K> {
  /** The `type` attribute every item of this entity carries. */
  type: string;
  /** One line for docs/data-model.md. */
  description: string;
  schema: z.ZodType<V>;
  key: (attributes: K) => TableKey;
  /** Index keys computed from the item; absent where an item is not in that index. */
  indexes?: Partial<Record<IndexName, (value: V) => TableKey | undefined>>;
}

export interface Entity<V extends K, K> extends EntityDefinition<V, K> {
  /** An item as read (keys and type dropped), refused if it does not match the schema. */
  parse(item: Item): V;
  /** The items of this entity among those of a Query, parsed. */
  among(items: readonly Item[]): V[];
  /** The full item to write: the value, its type, its key and its index keys. */
  item(value: V): Item;
}

const KEY_ATTRIBUTES = new Set<string>([
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...Object.values(TABLE_KEYS.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
]);

export function defineEntity<V extends K, K>(definition: EntityDefinition<V, K>): Entity<V, K> {
  const parse = (item: Item): V => {
    const value: Item = {};
    for (const [name, v] of Object.entries(item))
      if (!KEY_ATTRIBUTES.has(name) && name !== "type") value[name] = v;
    return definition.schema.parse(value);
  };
  return {
    ...definition,
    parse,
    among: (items) => items.filter((i) => i.type === definition.type).map(parse),
    item(value) {
      const out: Item = { ...definition.key(value), type: definition.type };
      for (const [name, index] of Object.entries(definition.indexes ?? {})) {
        const k = index?.(value);
        const { partitionKey, sortKey } = TABLE_KEYS.indexes[name as IndexName];
        if (k) Object.assign(out, { [partitionKey]: k.pk, [sortKey]: k.sk });
      }
      for (const [name, v] of Object.entries(value as Item)) if (v !== undefined) out[name] = v;
      return out;
    },
  };
}

// The maps that live documents carry (annotations and their people, verdicts), written by the
// server in one transaction each: a replacement when a document loads, a change after a write.
import type * as Y from "yjs";

/** Replaces the map's entries with `entries` (keys that are not among them are deleted). */
export function replaceLiveMap<V extends string | Uint8Array>(
  doc: Y.Doc,
  name: string,
  entries: readonly (readonly [string, V])[],
): void {
  doc.transact(() => {
    const map = doc.getMap<V>(name);
    const keep = new Set(entries.map(([key]) => key));
    for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
    for (const [key, value] of entries) map.set(key, value);
  });
}

/** Removes the `remove` keys from the map, then sets the `upsert` entries. */
export function changeLiveMap<V extends string | Uint8Array>(
  doc: Y.Doc,
  name: string,
  remove: readonly string[],
  upsert: readonly (readonly [string, V])[],
): void {
  doc.transact(() => {
    const map = doc.getMap<V>(name);
    for (const key of remove) map.delete(key);
    for (const [key, value] of upsert) map.set(key, value);
  });
}

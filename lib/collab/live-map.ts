// The maps of string entries that live documents carry (annotations, verdicts), written by the
// server in one transaction each: a replacement when a document loads, a change after a write.
import type * as Y from "yjs";

/** Replaces the map's entries with `entries` (keys that are not among them are deleted). */
export function replaceLiveMap(
  doc: Y.Doc,
  name: string,
  entries: readonly (readonly [string, string])[],
): void {
  doc.transact(() => {
    const map = doc.getMap<string>(name);
    const keep = new Set(entries.map(([key]) => key));
    for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
    for (const [key, value] of entries) map.set(key, value);
  });
}

/** Removes the `remove` keys from the map, then sets the `upsert` entries. */
export function changeLiveMap(
  doc: Y.Doc,
  name: string,
  remove: readonly string[],
  upsert: readonly (readonly [string, string])[],
): void {
  doc.transact(() => {
    const map = doc.getMap<string>(name);
    for (const key of remove) map.delete(key);
    for (const [key, value] of upsert) map.set(key, value);
  });
}

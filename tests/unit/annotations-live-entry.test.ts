import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { AnnotationJson } from "../../lib/annotations/annotation-json.ts";
import {
  ANNOTATIONS_MAP,
  createLiveAnnotationReader,
  decodeLiveAnnotation,
  encodeLiveAnnotation,
} from "../../lib/annotations/live-entry.ts";

function annotation(id: string, extra: Partial<AnnotationJson> = {}): AnnotationJson {
  return {
    id,
    articleId: "article-1",
    label: "fact",
    status: "pending",
    note: 'a note with "quotes", </script> and \u2028 and 🦀',
    quote: "34,573 airstrikes",
    prefix: "conducted a total of ",
    suffix: ".",
    start: 40,
    end: 57,
    orphaned: false,
    version: 1,
    author: { id: "user-1", name: "Ann" },
    anchor: { v: 1, start: "AQID", end: "BAUG" },
    evidence: { corroborates: 1, contradicts: 0 },
    citedBy: 0,
    review: null,
    createdAt: "2026-11-25T16:00:00.000Z",
    updatedAt: "2026-11-25T16:00:00.000Z",
    ...extra,
  };
}

/** A client's copy of a server-written annotation map, synced through a Yjs update. */
function synced(server: Y.Doc): Y.Map<unknown> {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client.getMap(ANNOTATIONS_MAP);
}

describe("live annotation map entries", () => {
  it("round-trips an annotation through a Yjs update as one string value", () => {
    const server = new Y.Doc();
    const a = annotation("a");
    server.getMap(ANNOTATIONS_MAP).set("a", encodeLiveAnnotation(a));
    const value = synced(server).get("a");
    expect(typeof value).toBe("string");
    expect(decodeLiveAnnotation(value)).toEqual(a);
  });

  it("refuses values that are not a JSON string of an annotation", () => {
    expect(decodeLiveAnnotation(annotation("a"))).toBeNull();
    expect(decodeLiveAnnotation("{not json")).toBeNull();
    expect(decodeLiveAnnotation("null")).toBeNull();
    expect(decodeLiveAnnotation('"a"')).toBeNull();
    expect(decodeLiveAnnotation('{"id":7}')).toBeNull();
    expect(decodeLiveAnnotation(undefined)).toBeNull();
  });

  it("re-parses only changed entries: unchanged annotations keep their objects", () => {
    const server = new Y.Doc();
    const map = server.getMap<string>(ANNOTATIONS_MAP);
    map.set("a", encodeLiveAnnotation(annotation("a")));
    map.set("b", encodeLiveAnnotation(annotation("b")));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const clientMap = client.getMap(ANNOTATIONS_MAP);
    const read = createLiveAnnotationReader();
    const first = read(clientMap.entries());
    expect(first.map((entry) => entry.id).sort()).toEqual(["a", "b"]);

    const before = Y.encodeStateVector(client);
    server.transact(() => {
      map.set("b", encodeLiveAnnotation(annotation("b", { label: "opinion", version: 2 })));
      map.set("c", encodeLiveAnnotation(annotation("c")));
    });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, before));
    const second = read(clientMap.entries());
    const byId = new Map(second.map((entry) => [entry.id, entry]));
    expect(byId.get("a")).toBe(first.find((entry) => entry.id === "a"));
    expect(byId.get("b")).not.toBe(first.find((entry) => entry.id === "b"));
    expect(byId.get("b")).toMatchObject({ label: "opinion", version: 2 });
    expect(byId.get("c")).toEqual(annotation("c"));

    map.delete("a");
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(
      read(clientMap.entries())
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(["b", "c"]);
  });

  it("leaves out entries that are not the annotation of their key", () => {
    const read = createLiveAnnotationReader();
    const entries: [string, unknown][] = [
      ["a", encodeLiveAnnotation(annotation("a"))],
      ["b", encodeLiveAnnotation(annotation("other"))],
      ["c", "{broken"],
      ["d", annotation("d")],
    ];
    expect(read(entries).map((entry) => entry.id)).toEqual(["a"]);
  });
});

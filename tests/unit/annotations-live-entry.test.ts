import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { AnnotationJson } from "../../lib/annotations/annotation-json.ts";
import {
  ANNOTATIONS_MAP,
  createLiveAnnotationReader,
  decodeLiveAnnotation,
  encodeLiveAnnotation,
  isQuoteOf,
  PEOPLE_MAP,
  quoteHash,
  toLiveAnnotation,
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
    anchor: { v: 1, start: "AQID", end: "BAUGBw==" },
    evidence: { corroborates: 1, contradicts: 0 },
    citedBy: 0,
    review: null,
    createdAt: "2026-11-25T16:00:00.000Z",
    updatedAt: "2026-11-25T16:00:00.000Z",
    ...extra,
  };
}

/** A client's copy of a server-written annotations document, synced through a Yjs update. */
function synced(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

const ANN = "0b7c1f3e-5d2a-4c8e-9f10-2a3b4c5d6e7f";
const MOD = "9e8d7c6b-5a49-4838-a726-150493827160";
const ROUND = "11111111-2222-4333-8444-555555555555";

describe("live annotation map entries", () => {
  it("round-trips what a reader needs through a Yjs update as one binary value, names in the people map", () => {
    const server = new Y.Doc();
    const a = annotation("a", { author: { id: ANN, name: "Ann" } });
    server.getMap(ANNOTATIONS_MAP).set("a", encodeLiveAnnotation(a));
    server.getMap(PEOPLE_MAP).set(ANN, "Ann");
    const client = synced(server);
    const value = client.getMap(ANNOTATIONS_MAP).get("a");
    expect(value).toBeInstanceOf(Uint8Array);
    const decoded = decodeLiveAnnotation("a", value, client.getMap(PEOPLE_MAP));
    expect(decoded).toEqual(toLiveAnnotation(a));
    // The quote is not carried while anchored: the reader checks the body's text against it.
    expect(decoded!.quote).toBeNull();
    expect(isQuoteOf(decoded!, "34,573 airstrikes")).toBe(true);
    expect(isQuoteOf(decoded!, "34,573 airstrike")).toBe(false);
    expect(isQuoteOf(decoded!, "34,574 airstrikes")).toBe(false);
  });

  it("keeps every field a reader shows: orphaned quote, round, review with its moderator, ids that are not UUIDs", () => {
    const a = annotation("a", {
      orphaned: true,
      note: null,
      roundId: ROUND,
      status: "approved",
      label: "advocacy",
      version: 7,
      evidence: { corroborates: 3, contradicts: 200 },
      citedBy: 12,
      anchor: { v: 1, start: "not base64!", end: "BAUG" },
      review: {
        decision: "relabel",
        reason: null,
        fromLabel: "fact",
        toLabel: "advocacy",
        moderator: { id: MOD, name: "Mo" },
        createdAt: "2026-11-26T10:11:12.345Z",
      },
    });
    const people = new Map([
      ["user-1", "Ann"],
      [MOD, "Mo"],
    ]);
    const decoded = decodeLiveAnnotation("a", encodeLiveAnnotation(a), people);
    expect(decoded).toEqual(toLiveAnnotation(a));
    expect(decoded!.quote).toBe("34,573 airstrikes");
    expect(
      decodeLiveAnnotation("a", encodeLiveAnnotation({ ...a, review: { ...a.review!, reason: "" } }), people)!
        .review!.reason,
    ).toBe("");
  });

  it("is a fraction of the annotation's JSON", () => {
    const a = annotation("a", { id: ANN, author: { id: MOD, name: "Ann" }, note: null });
    expect(encodeLiveAnnotation(a).length).toBeLessThan(JSON.stringify(a).length / 5);
  });

  it("refuses values that are not an encoded annotation", () => {
    expect(decodeLiveAnnotation("a", annotation("a"))).toBeNull();
    expect(decodeLiveAnnotation("a", JSON.stringify(annotation("a")))).toBeNull();
    expect(decodeLiveAnnotation("a", new Uint8Array([]))).toBeNull();
    expect(decodeLiveAnnotation("a", new Uint8Array([2, 0, 0]))).toBeNull();
    expect(decodeLiveAnnotation("a", encodeLiveAnnotation(annotation("a")).slice(0, 12))).toBeNull();
    expect(decodeLiveAnnotation("a", undefined)).toBeNull();
  });

  it("re-decodes only changed entries or renamed people: unchanged annotations keep their objects", () => {
    const server = new Y.Doc();
    const map = server.getMap<Uint8Array>(ANNOTATIONS_MAP);
    const people = server.getMap<string>(PEOPLE_MAP);
    people.set("user-1", "Ann");
    people.set("user-2", "Bo");
    map.set("a", encodeLiveAnnotation(annotation("a")));
    map.set("b", encodeLiveAnnotation(annotation("b", { author: { id: "user-2", name: "Bo" } })));
    const client = synced(server);
    const clientMap = client.getMap(ANNOTATIONS_MAP);
    const clientPeople = client.getMap(PEOPLE_MAP);
    const read = createLiveAnnotationReader();
    const first = read(clientMap.entries(), clientPeople);
    expect(first.map((entry) => entry.id).sort()).toEqual(["a", "b"]);

    const before = Y.encodeStateVector(client);
    server.transact(() => {
      map.set("b", encodeLiveAnnotation(annotation("b", { label: "opinion", version: 2 })));
      map.set("c", encodeLiveAnnotation(annotation("c")));
    });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, before));
    const second = read(clientMap.entries(), clientPeople);
    const byId = new Map(second.map((entry) => [entry.id, entry]));
    expect(byId.get("a")).toBe(first.find((entry) => entry.id === "a"));
    expect(byId.get("b")).not.toBe(first.find((entry) => entry.id === "b"));
    expect(byId.get("b")).toMatchObject({ label: "opinion", version: 2, author: { name: "Ann" } });
    expect(byId.get("c")).toEqual(toLiveAnnotation(annotation("c")));

    people.set("user-1", "Ann Lee");
    map.delete("b");
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const third = read(clientMap.entries(), clientPeople);
    expect(third.map((entry) => [entry.id, entry.author.name]).sort()).toEqual([
      ["a", "Ann Lee"],
      ["c", "Ann Lee"],
    ]);
  });

  it("leaves out entries that are not annotations", () => {
    const read = createLiveAnnotationReader();
    const entries: [string, unknown][] = [
      ["a", encodeLiveAnnotation(annotation("a"))],
      ["c", "{broken"],
      ["d", annotation("d")],
    ];
    expect(read(entries).map((entry) => entry.id)).toEqual(["a"]);
  });

  it("hashes code units (FNV-1a, 32 bits)", () => {
    expect(quoteHash("")).toBe(0x811c9dc5);
    expect(quoteHash("a")).toBe(0xe40c292c);
    expect(quoteHash("🦀")).not.toBe(quoteHash("🦁"));
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_SOCKET_GUARD_LIMITS, readMessageHead, SocketGuard } from "../../lib/collab/socket-guard.ts";

function varUint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}

function message(documentName: string, type: number, body: number[] = [], padding = 0): Uint8Array {
  const name = [...new TextEncoder().encode(documentName)];
  return new Uint8Array([
    ...varUint(name.length),
    ...name,
    ...varUint(type),
    ...body,
    ...new Array(padding).fill(0),
  ]);
}

const DOC = "article.3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";
const AUTH = 2;
const SYNC = 0;
const AWARENESS = 1;
const CLOSE = 7;
const authenticated = (name: string) => message(name, AUTH, [2, 0]);
const denied = (name: string) => message(name, AUTH, [1, 0]);
const limits = {
  ...DEFAULT_SOCKET_GUARD_LIMITS,
  maxDocuments: 3,
  maxPendingMessages: 4,
  maxPendingBytes: 1000,
};

describe("readMessageHead", () => {
  it("reads the document name and type, including multi-byte lengths", () => {
    const long = `x${"y".repeat(200)}`;
    expect(readMessageHead(message(long, 5))).toMatchObject({ documentName: long, type: 5 });
  });

  it("refuses truncated input", () => {
    expect(readMessageHead(new Uint8Array([10, 65]))).toBeNull();
    expect(readMessageHead(new Uint8Array([]))).toBeNull();
    expect(readMessageHead(new Uint8Array([0x80]))).toBeNull();
  });
});

describe("SocketGuard", () => {
  it("passes a bounded number of messages while a document is pending, but always its auth message", () => {
    const guard = new SocketGuard(limits);
    const verdicts = Array.from({ length: 6 }, () => guard.inspectIncoming(message(DOC, SYNC)));
    expect(verdicts).toEqual(["pass", "pass", "pass", "pass", "drop", "drop"]);
    expect(guard.inspectIncoming(message(DOC, AUTH, [0, 0]))).toBe("pass");
  });

  it("bounds the bytes held for a pending document", () => {
    const guard = new SocketGuard(limits);
    expect(guard.inspectIncoming(message(DOC, SYNC, [], 900))).toBe("pass");
    expect(guard.inspectIncoming(message(DOC, SYNC, [], 200))).toBe("drop");
  });

  it("passes everything for an open document and drops everything for a refused one", () => {
    const guard = new SocketGuard(limits);
    const other = `${DOC}.annotations`;
    guard.observeOutgoing(authenticated(DOC));
    guard.observeOutgoing(denied(other));
    for (let i = 0; i < 10; i++) expect(guard.inspectIncoming(message(DOC, SYNC, [], 500))).toBe("pass");
    expect(guard.inspectIncoming(message(other, AUTH, [0, 0]))).toBe("drop");
    expect(guard.inspectIncoming(message(other, SYNC))).toBe("drop");
  });

  it("starts a closed document over as pending", () => {
    const guard = new SocketGuard(limits);
    guard.observeOutgoing(denied(DOC));
    expect(guard.inspectIncoming(message(DOC, SYNC))).toBe("drop");
    guard.observeOutgoing(message(DOC, CLOSE, [0]));
    expect(guard.inspectIncoming(message(DOC, SYNC))).toBe("pass");
  });

  it("drops oversized awareness even on an open document", () => {
    const guard = new SocketGuard({ ...limits, maxAwarenessBytes: 100 });
    guard.observeOutgoing(authenticated(DOC));
    expect(guard.inspectIncoming(message(DOC, AWARENESS, [], 50))).toBe("pass");
    expect(guard.inspectIncoming(message(DOC, AWARENESS, [], 200))).toBe("drop");
  });

  it("asks to close the socket (retry later) only when a document is refused as unavailable", () => {
    const guard = new SocketGuard(limits);
    const deniedWith = (reason: string) =>
      message(DOC, AUTH, [1, ...varUint(reason.length), ...new TextEncoder().encode(reason)]);
    expect(guard.observeOutgoing(authenticated(DOC))).toBeNull();
    expect(guard.observeOutgoing(deniedWith("not-found"))).toBeNull();
    expect(guard.observeOutgoing(deniedWith("unauthenticated"))).toBeNull();
    expect(guard.observeOutgoing(denied(DOC))).toBeNull();
    expect(guard.observeOutgoing(deniedWith("unavailable"))).toBe("retry-later");
  });

  it("closes a socket that opens too many documents", () => {
    const guard = new SocketGuard(limits);
    expect(guard.inspectIncoming(message("a", AUTH, [0, 0]))).toBe("pass");
    expect(guard.inspectIncoming(message("b", AUTH, [0, 0]))).toBe("pass");
    expect(guard.inspectIncoming(message("c", AUTH, [0, 0]))).toBe("pass");
    expect(guard.inspectIncoming(message("d", AUTH, [0, 0]))).toBe("close");
  });

  it("closes a socket that keeps sending before authentication or after a refusal (a flood)", () => {
    const guard = new SocketGuard({ ...limits, maxDroppedMessages: 10 });
    const verdicts = Array.from({ length: 20 }, () => guard.inspectIncoming(message(DOC, SYNC)));
    // 4 kept, 10 dropped, then closed.
    expect(verdicts.filter((verdict) => verdict === "pass")).toHaveLength(4);
    expect(verdicts.filter((verdict) => verdict === "drop")).toHaveLength(10);
    expect(verdicts[14]).toBe("close");
    expect(guard.closeReason).toBe("flood");

    const refused = new SocketGuard({ ...limits, maxDroppedMessages: 3 });
    refused.observeOutgoing(denied(DOC));
    expect([1, 2, 3, 4].map(() => refused.inspectIncoming(message(DOC, AWARENESS)))).toEqual([
      "drop",
      "drop",
      "drop",
      "close",
    ]);
  });

  it("lets only the first authentication message of a pending document through unconditionally", () => {
    const guard = new SocketGuard(limits);
    expect(guard.inspectIncoming(message(DOC, AUTH, [0, 0]))).toBe("pass");
    const repeated = Array.from({ length: 6 }, () => guard.inspectIncoming(message(DOC, AUTH, [0, 0])));
    expect(repeated).toEqual(["pass", "pass", "pass", "pass", "drop", "drop"]);
  });

  it("drops presence on the annotations documents without counting it as a flood", () => {
    const guard = new SocketGuard(limits);
    const annotations = `${DOC}.annotations`;
    guard.observeOutgoing(authenticated(annotations));
    guard.observeOutgoing(authenticated(DOC));
    for (let i = 0; i < limits.maxDroppedMessages + 10; i++)
      expect(guard.inspectIncoming(message(annotations, AWARENESS, [], 10))).toBe("drop");
    expect(guard.inspectIncoming(message(annotations, SYNC))).toBe("pass");
    expect(guard.inspectIncoming(message(DOC, AWARENESS, [], 10))).toBe("pass");
  });

  it("learns from the server's messages without decoding the names of the ones it ignores", () => {
    const guard = new SocketGuard(limits);
    const closed = message(DOC, CLOSE, [0]);
    expect(readMessageHead(message(DOC, SYNC), (type) => type === CLOSE)).toMatchObject({
      documentName: "",
      type: SYNC,
    });
    expect(readMessageHead(closed, (type) => type === CLOSE)).toMatchObject({
      documentName: DOC,
      type: CLOSE,
    });
    // An awareness or sync message from the server changes nothing; a refusal still does.
    expect(guard.observeOutgoing(message(DOC, AWARENESS, [0]))).toBeNull();
    guard.observeOutgoing(denied(DOC));
    expect(guard.inspectIncoming(message(DOC, SYNC))).toBe("drop");
  });

  it("rate-limits awareness per socket (burst, then per second) without closing", () => {
    let now = 1_000_000;
    const guard = new SocketGuard({ ...limits, awarenessBurst: 5, awarenessPerSecond: 10 }, () => now);
    guard.observeOutgoing(authenticated(DOC));
    const burst = Array.from({ length: 8 }, () => guard.inspectIncoming(message(DOC, AWARENESS, [], 10)));
    expect(burst).toEqual(["pass", "pass", "pass", "pass", "pass", "drop", "drop", "drop"]);
    now += 300; // three tokens
    const later = Array.from({ length: 5 }, () => guard.inspectIncoming(message(DOC, AWARENESS, [], 10)));
    expect(later).toEqual(["pass", "pass", "pass", "drop", "drop"]);
    // Document updates are never rate-limited, and awareness drops never close the socket.
    expect(guard.inspectIncoming(message(DOC, SYNC))).toBe("pass");
    for (let i = 0; i < 1000; i++)
      expect(guard.inspectIncoming(message(DOC, AWARENESS, [], 10))).not.toBe("close");
  });
});

// Bounds what one websocket can make the server hold. Hocuspocus queues every message for a
// document until that document's authentication finishes, and keeps queueing forever after
// it was refused, so an anonymous client could fill the server's memory with refused
// messages. The guard sits in front of Hocuspocus on each socket: it watches the server's
// own answers (authenticated / permission denied / closed) and drops what would only pile up.
import { carriesPresence } from "./document-name.ts";

/** Hocuspocus 3 message types (first varUint after the document name). */
const MESSAGE_AUTH = 2;
const MESSAGE_AWARENESS = 1;
const MESSAGE_CLOSE = 7;
/** Relayed by Hocuspocus to every connection of the document: never sent by the app. */
const MESSAGE_BROADCAST_STATELESS = 6;
/** Auth sub-types the server sends. */
const AUTH_PERMISSION_DENIED = 1;
const AUTH_AUTHENTICATED = 2;

export interface SocketGuardLimits {
  /** Distinct documents one socket may open (the app opens two per article). */
  maxDocuments: number;
  /** Messages kept for a document while its authentication runs. */
  maxPendingMessages: number;
  /** Bytes kept for a document while its authentication runs. */
  maxPendingBytes: number;
  /** Largest awareness (presence) message relayed; a cursor and a name need far less. */
  maxAwarenessBytes: number;
  /**
   * Messages dropped on one socket before authentication or after a refusal; past it the socket
   * is closed. A provider sends a handful while it authenticates; thousands are a flood.
   */
  maxDroppedMessages: number;
  /** Awareness messages relayed per second and socket (a dragged selection sends about 60). */
  awarenessPerSecond: number;
  /** Awareness messages relayed at once before the per-second rate applies. */
  awarenessBurst: number;
}

export const DEFAULT_SOCKET_GUARD_LIMITS: SocketGuardLimits = {
  maxDocuments: 16,
  maxPendingMessages: 64,
  maxPendingBytes: 2 * 1024 * 1024,
  maxAwarenessBytes: 32 * 1024,
  maxDroppedMessages: 256,
  awarenessPerSecond: 100,
  awarenessBurst: 200,
};

/** The refusal reason (lib/collab/refusal.ts) that means "try again later". */
const UNAVAILABLE_REASON = "unavailable";

// A permission-denied message ends with the reason as a varString (length, then UTF-8).
function readReason(data: Uint8Array, offset: number): string | null {
  const length = data[offset];
  if (length === undefined || length > 0x7f || offset + 1 + length > data.length) return null;
  return new TextDecoder().decode(data.subarray(offset + 1, offset + 1 + length));
}

/** What to do with one incoming message. */
export type GuardVerdict = "pass" | "drop" | "close";

type DocumentState =
  | { state: "pending"; messages: number; bytes: number; authSeen: boolean }
  | { state: "open" }
  | { state: "refused" };

const decoder = new TextDecoder();

/** Reads the document name and message type at the head of a Hocuspocus message. */
export function readMessageHead(
  data: Uint8Array,
  /** Which message types need the document name decoded (all when omitted; otherwise ""). */
  needsName: (type: number) => boolean = () => true,
): { documentName: string; type: number; rest: number } | null {
  let offset = 0;
  const readVarUint = (): number | null => {
    let result = 0;
    let shift = 0;
    while (offset < data.length && shift < 35) {
      const byte = data[offset++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
    return null;
  };
  const length = readVarUint();
  if (length === null || offset + length > data.length) return null;
  const nameAt = offset;
  offset += length;
  const type = readVarUint();
  if (type === null) return null;
  if (!needsName(type)) return { documentName: "", type, rest: offset };
  const documentName = decoder.decode(data.subarray(nameAt, nameAt + length));
  return { documentName, type, rest: offset };
}

/** The only messages from the server that the guard learns from. */
const isObservedOutgoing = (type: number) => type === MESSAGE_AUTH || type === MESSAGE_CLOSE;

/**
 * Per-socket bookkeeping of which documents are pending, open or refused.
 * @throws nothing
 */
export class SocketGuard {
  private readonly documents = new Map<string, DocumentState>();
  private dropped = 0;
  private awarenessTokens: number;
  private awarenessRefilledAt: number;
  /** Why the last "close" verdict was given (the websocket close reason). */
  closeReason = "policy-violation";

  constructor(
    private readonly limits: SocketGuardLimits = DEFAULT_SOCKET_GUARD_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.awarenessTokens = limits.awarenessBurst;
    this.awarenessRefilledAt = now();
  }

  /** Decides about a message from the client before Hocuspocus sees it. */
  inspectIncoming(data: Uint8Array): GuardVerdict {
    const head = readMessageHead(data);
    // Hocuspocus closes the socket on undecodable input itself.
    if (!head) return "pass";
    let entry = this.documents.get(head.documentName);
    if (!entry) {
      if (this.documents.size >= this.limits.maxDocuments) return this.close("too-many-documents");
      entry = { state: "pending", messages: 0, bytes: 0, authSeen: false };
      this.documents.set(head.documentName, entry);
    }
    if (entry.state === "refused") return this.drop();
    // A client could otherwise forge stateless messages (e.g. command acks) to everyone else.
    if (head.type === MESSAGE_BROADCAST_STATELESS) return this.drop();
    if (head.type === MESSAGE_AWARENESS) {
      // Presence on a document without any (every provider sends its own by default), oversized
      // or too frequent presence: dropped, not relayed to everyone on the document, and never
      // counted as a flood.
      if (!carriesPresence(head.documentName)) return "drop";
      if (data.length > this.limits.maxAwarenessBytes || !this.takeAwarenessToken()) return "drop";
    }
    if (entry.state === "open") return "pass";
    // The first authentication message always reaches Hocuspocus, or the document never opens;
    // repeated ones (each runs the authentication hook) count like any other pending message.
    if (head.type === MESSAGE_AUTH && !entry.authSeen) {
      entry.authSeen = true;
      return "pass";
    }
    // Pending: keep a bounded amount. Dropped document updates are not lost: once the document
    // opens, the sync handshake exchanges everything the server is missing.
    if (
      entry.messages + 1 > this.limits.maxPendingMessages ||
      entry.bytes + data.length > this.limits.maxPendingBytes
    ) {
      return this.drop();
    }
    entry.messages += 1;
    entry.bytes += data.length;
    return "pass";
  }

  // Drops a message that would only pile up; a socket that keeps sending them is flooding.
  private drop(): GuardVerdict {
    this.dropped += 1;
    return this.dropped > this.limits.maxDroppedMessages ? this.close("flood") : "drop";
  }

  private close(reason: string): GuardVerdict {
    this.closeReason = reason;
    return "close";
  }

  // A token bucket: awarenessBurst at once, then awarenessPerSecond.
  private takeAwarenessToken(): boolean {
    const now = this.now();
    const refill = ((now - this.awarenessRefilledAt) / 1000) * this.limits.awarenessPerSecond;
    this.awarenessTokens = Math.min(this.limits.awarenessBurst, this.awarenessTokens + refill);
    this.awarenessRefilledAt = now;
    if (this.awarenessTokens < 1) return false;
    this.awarenessTokens -= 1;
    return true;
  }

  /**
   * Learns from a message the server sends to the client. Returns "retry-later" when it refuses
   * a document as `unavailable` (the database failed): the caller then closes the socket with
   * 1013, because a provider retries a closed socket but never a refused document.
   */
  observeOutgoing(data: Uint8Array): "retry-later" | null {
    // Called for every message the server sends (each presence and update to each reader): the
    // document name is decoded only for the two types that matter here.
    const head = readMessageHead(data, isObservedOutgoing);
    if (!head || !isObservedOutgoing(head.type)) return null;
    if (head.type === MESSAGE_CLOSE) {
      // Hocuspocus forgets a closed document; a later message starts over as pending.
      this.documents.delete(head.documentName);
      return null;
    }
    if (head.type !== MESSAGE_AUTH) return null;
    const subType = data[head.rest];
    if (subType === AUTH_AUTHENTICATED) this.documents.set(head.documentName, { state: "open" });
    else if (subType === AUTH_PERMISSION_DENIED) {
      this.documents.set(head.documentName, { state: "refused" });
      if (readReason(data, head.rest + 1) === UNAVAILABLE_REASON) return "retry-later";
    }
    return null;
  }
}

/** Turns the payload of a `ws` message event into bytes. */
export function messageBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((part) => part instanceof Uint8Array)) return Buffer.concat(data);
  return null;
}

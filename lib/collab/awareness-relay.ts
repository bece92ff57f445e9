// Presence (Yjs awareness) relayed in batches instead of one message per update and connection.
//
// Hocuspocus relays every awareness update it receives to every connection of the document at
// once, encoding the message again for each. Every client renews its presence every 15 s even
// when nothing changed (y-protocols drops a peer not heard from in 30 s), so N readers on one
// article cost N²/15 messages a second: at 1,000 readers, 67,000 websocket writes a second, and
// a CPU profile of the server under the 1,000-client benchmark spent 79% of its time there
// (docs/BENCHMARKS.md, section 13). Here each document gathers the clients whose presence
// changed and sends one message, encoded once, to every connection:
//   - a real change (someone arrives, leaves, moves their cursor or renames) after `changeDelayMs`;
//   - a renewal with nothing changed after `renewalDelayMs`, or with the next change if sooner.
// A renewal delayed by 3 s still reaches peers long before their 30 s timeout.
import { Document, OutgoingMessage } from "@hocuspocus/server";

export interface AwarenessRelayTiming {
  /** Longest a change of someone's presence waits before it is relayed (ms). */
  changeDelayMs: number;
  /** Longest a renewal of an unchanged presence waits before it is relayed (ms). */
  renewalDelayMs: number;
}

export const DEFAULT_AWARENESS_RELAY: AwarenessRelayTiming = { changeDelayMs: 40, renewalDelayMs: 3000 };

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

interface Batch {
  /** Clients whose presence goes out with the next message. */
  clients: Set<number>;
  timer: NodeJS.Timeout | null;
  /** When the timer fires (ms, Date.now()). */
  due: number;
  /** Each client's state as last relayed (JSON), to tell a change from a renewal. */
  relayed: Map<number, string>;
}

type AwarenessHandler = (this: Document, change: AwarenessChange, origin: unknown) => Document;

const batches = new WeakMap<Document, Batch>();
let timing: AwarenessRelayTiming = DEFAULT_AWARENESS_RELAY;
let installed = false;

function batchOf(document: Document): Batch {
  let batch = batches.get(document);
  if (!batch) {
    batch = { clients: new Set(), timer: null, due: 0, relayed: new Map() };
    batches.set(document, batch);
  }
  return batch;
}

function flush(document: Document, batch: Batch): void {
  batch.timer = null;
  const { awareness } = document;
  // Only clients the awareness still knows (a removed one is sent as "gone": state null).
  const clients = [...batch.clients].filter((id) => awareness.meta.has(id));
  batch.clients.clear();
  for (const id of clients) {
    const state = awareness.states.get(id);
    if (state === undefined) batch.relayed.delete(id);
    else batch.relayed.set(id, JSON.stringify(state));
  }
  if (clients.length === 0 || document.isDestroyed || document.getConnectionsCount() === 0) return;
  const message = new OutgoingMessage(document.name)
    .createAwarenessUpdateMessage(awareness, clients)
    .toUint8Array();
  for (const connection of document.getConnections()) connection.send(message);
}

function schedule(document: Document, batch: Batch, delayMs: number): void {
  const due = Date.now() + delayMs;
  if (batch.timer && batch.due <= due) return;
  if (batch.timer) clearTimeout(batch.timer);
  batch.due = due;
  batch.timer = setTimeout(() => flush(document, batch), delayMs);
  batch.timer.unref?.();
}

const relayInBatches: AwarenessHandler = function (this: Document, { added, updated, removed }, origin) {
  // Which awareness clients each connection brought, so they are removed when it closes (as
  // Hocuspocus itself does).
  if (origin !== null) {
    const connection = this.connections.get(origin as Parameters<typeof this.connections.get>[0]);
    if (connection) {
      for (const id of added) connection.clients.add(id);
      for (const id of removed) connection.clients.delete(id);
    }
  }
  const batch = batchOf(this);
  let changed = added.length > 0 || removed.length > 0;
  for (const id of [...added, ...updated, ...removed]) batch.clients.add(id);
  if (!changed) {
    for (const id of updated) {
      if (batch.relayed.get(id) !== JSON.stringify(this.awareness.states.get(id))) {
        changed = true;
        break;
      }
    }
  }
  schedule(this, batch, changed ? timing.changeDelayMs : timing.renewalDelayMs);
  return this;
};

/**
 * Makes every Hocuspocus document created from now on relay presence in batches (see the top
 * of this file). Idempotent; a later call only changes the timing.
 * @throws nothing
 */
export function installAwarenessRelay(options: AwarenessRelayTiming = DEFAULT_AWARENESS_RELAY): void {
  timing = options;
  if (installed) return;
  installed = true;
  // Document's constructor binds this method to the document's awareness "update" event, so
  // replacing it on the prototype before any document exists covers every document.
  (Document.prototype as unknown as { handleAwarenessUpdate: AwarenessHandler }).handleAwarenessUpdate =
    relayInBatches;
}

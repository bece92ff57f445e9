"use client";

import type { HocuspocusProvider } from "@hocuspocus/provider";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import { CREATE_ANNOTATION_COMMAND, parseCommandAck } from "@/lib/collab/live-commands";

/** What a create sent over the websocket ends in (the shape of the server action's answer). */
export type LiveCreateResult = { ok: true; annotation: AnnotationJson } | { ok: false; error: string };

/**
 * Said when a command was sent but its ack never came (the socket dropped, or no answer in 20 s).
 * It is not retried over HTTP: the server may have created the annotation (docs/COLLAB.md, "Commands").
 */
export const UNCONFIRMED =
  "The connection dropped before the server confirmed this highlight. It may have been saved: " +
  "check the highlights once the page reconnects before tagging the passage again.";

const ACK_TIMEOUT_MS = 20_000;

/** The page's commands on one connection of its annotations document (lib/collab/live-commands.ts). */
export interface LiveCommandChannel {
  /** Sends a create; null when the connection is not open and synced (use the server action). */
  create(input: unknown): Promise<LiveCreateResult> | null;
  /** Ends every command still waiting for its ack as unconfirmed (the connection is going away). */
  dropAll(): void;
}

// crypto.randomUUID exists only in secure contexts; getRandomValues everywhere.
function requestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Opens the command channel of a provider; `ready` says whether it is connected and synced now. */
export function createLiveCommandChannel(
  provider: HocuspocusProvider,
  ready: () => boolean,
): LiveCommandChannel {
  const waiting = new Map<
    string,
    { resolve: (result: LiveCreateResult) => void; timer: ReturnType<typeof setTimeout> }
  >();
  const settle = (id: string, result: LiveCreateResult) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  };
  provider.on("stateless", ({ payload }: { payload: string }) => {
    const ack = parseCommandAck(payload);
    if (!ack?.requestId) return;
    settle(
      ack.requestId,
      ack.ok ? { ok: true, annotation: ack.annotation } : { ok: false, error: ack.error.message },
    );
  });
  return {
    create(input) {
      if (!ready()) return null;
      const id = requestId();
      const result = new Promise<LiveCreateResult>((resolve) => {
        const timer = setTimeout(() => settle(id, { ok: false, error: UNCONFIRMED }), ACK_TIMEOUT_MS);
        waiting.set(id, { resolve, timer });
      });
      provider.sendStateless(JSON.stringify({ type: CREATE_ANNOTATION_COMMAND, requestId: id, input }));
      return result;
    },
    dropAll() {
      for (const id of [...waiting.keys()]) settle(id, { ok: false, error: UNCONFIRMED });
    },
  };
}

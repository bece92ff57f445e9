// The article page's commands over its open annotations-document websocket (Hocuspocus stateless
// messages): what the browser sends and what the server acknowledges. Shared by the page
// (components/annotator/live-command-channel.ts) and the server (lib/collab/annotation-commands.ts).
import { z } from "zod";
import type { AnnotationJson } from "../annotations/annotation-json.ts";

/** The one command: tag a span (its `input` is the HTTP API's create body, ZCreateAnnotationInput). */
export const CREATE_ANNOTATION_COMMAND = "annotation.create";

/** The type of every answer the server sends to a command. */
export const COMMAND_ACK = "ack";

/**
 * Largest command accepted, in UTF-8 bytes: the HTTP API's limit for the same body
 * (`POST /api/v1/articles/{id}/annotations`, 64 KB), plus room for the envelope.
 */
export const MAX_COMMAND_BYTES = 64 * 1024 + 256;

/** The envelope of a command: its type, the client's id for it (echoed in the ack), its input. */
export const ZLiveCommand = z
  .object({
    type: z.string().max(64),
    requestId: z.uuid(),
    input: z.unknown(),
  })
  .strict();

/**
 * Why a command was refused: the use case's error codes (lib/errors.ts; the message is the one the
 * server action shows), or the protocol's own: `too_large` (over MAX_COMMAND_BYTES, not read),
 * `malformed_message` (not JSON, or not the envelope above), `unknown_type`, `wrong_document`
 * (sent on a body document, not an annotations document), `unauthenticated` (the session ended),
 * `rate_limited` (32 commands of the connection already waiting).
 */
export type CommandErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "unavailable"
  | "internal"
  | "malformed_message"
  | "unknown_type"
  | "wrong_document";

/** The server's answer to one command; `requestId` is null when the command could not be read. */
export type CommandAck =
  | { type: typeof COMMAND_ACK; requestId: string; ok: true; annotation: AnnotationJson }
  | {
      type: typeof COMMAND_ACK;
      requestId: string | null;
      ok: false;
      error: { code: CommandErrorCode; message: string };
    };

/** Reads an ack the server sent (null for anything else on the same document). */
export function parseCommandAck(payload: string): CommandAck | null {
  try {
    const value = JSON.parse(payload) as Partial<CommandAck> | null;
    return value && typeof value === "object" && value.type === COMMAND_ACK && typeof value.ok === "boolean"
      ? (value as CommandAck)
      : null;
  } catch {
    return null;
  }
}

import type { Connection, Extension, onStatelessPayload } from "@hocuspocus/server";
import { ZodError } from "zod";
import { createAnnotation } from "../annotations/create-annotation.ts";
import { resolveSessionId } from "../auth/session.ts";
import { AppError, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { actionErrorMessage } from "../teams/action-error-message.ts";
import type { CollabContext } from "./authorize-connection.ts";
import {
  COMMAND_ACK,
  type CommandAck,
  type CommandErrorCode,
  CREATE_ANNOTATION_COMMAND,
  MAX_COMMAND_BYTES,
  ZLiveCommand,
} from "./live-commands.ts";

/** Commands of one connection waiting or running; past it a command is refused at once. */
const MAX_QUEUED_COMMANDS = 32;

const PROTOCOL_MESSAGES: Partial<Record<CommandErrorCode, string>> = {
  too_large: `A command may be at most ${MAX_COMMAND_BYTES} bytes`,
  malformed_message: "The command could not be read",
  unknown_type: "Unknown command",
  wrong_document: "Commands are sent on an annotations document",
  unauthenticated: "Your session has ended; sign in again",
  rate_limited: "Too many highlights at once; wait a moment and try again",
};

class CommandRefusal extends Error {
  constructor(readonly code: CommandErrorCode) {
    super(PROTOCOL_MESSAGES[code] ?? code);
  }
}

// The same message the server action (runAction over actionErrorMessage) shows for the same
// failure, with the code of lib/errors.ts (or of the protocol) beside it.
function refusalOf(error: unknown): { code: CommandErrorCode; message: string } {
  if (error instanceof CommandRefusal) return { code: error.code, message: error.message };
  if (error instanceof AppError && isCommandErrorCode(error.code))
    return { code: error.code, message: error.message };
  if (error instanceof ZodError) return { code: "invalid_input", message: actionErrorMessage(error) };
  if (isDatabaseUnavailableError(error))
    return { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE };
  getLogger().error({ err: error }, "[collab] a live command failed unexpectedly");
  return { code: "internal", message: "Something went wrong; try again" };
}

function isCommandErrorCode(code: string): code is CommandErrorCode {
  return ["invalid_input", "forbidden", "not_found", "conflict", "unavailable"].includes(code);
}

function send(connection: Connection, ack: CommandAck): void {
  connection.sendStateless(JSON.stringify(ack));
}

// Reads the envelope; the input itself is validated by the use case (ZCreateAnnotationInput).
function readCommand(payload: string): { requestId: string; type: string; input: unknown } {
  if (Buffer.byteLength(payload, "utf8") > MAX_COMMAND_BYTES) throw new CommandRefusal("too_large");
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    throw new CommandRefusal("malformed_message");
  }
  const parsed = ZLiveCommand.safeParse(value);
  if (!parsed.success) throw new CommandRefusal("malformed_message");
  return parsed.data;
}

async function run(connection: Connection, context: CollabContext, payload: string): Promise<void> {
  let requestId: string | null = null;
  try {
    const command = readCommand(payload);
    requestId = command.requestId;
    if (command.type !== CREATE_ANNOTATION_COMMAND) throw new CommandRefusal("unknown_type");
    if (context.document.kind !== "annotations") throw new CommandRefusal("wrong_document");
    // As a server action resolves its session on every request: signed out, disabled or expired
    // since the socket opened is refused, whether or not the access re-check closed it yet.
    const actor = await resolveSessionId(context.actor.sessionId);
    if (!actor) throw new CommandRefusal("unauthenticated");
    // The article is the connection's own; the use case checks the actor's access to it afresh.
    const annotation = await createAnnotation({
      actor,
      articleId: context.document.articleId,
      input: command.input,
    });
    send(connection, { type: COMMAND_ACK, requestId: command.requestId, ok: true, annotation });
  } catch (error) {
    send(connection, { type: COMMAND_ACK, requestId, ok: false, error: refusalOf(error) });
  }
}

/**
 * The article page's commands over its annotations-document websocket (docs/COLLAB.md, "Commands"):
 * a stateless message `{type: "annotation.create", requestId, input}` runs the same use case as the
 * server action and the HTTP API (lib/annotations/create-annotation.ts) for the person the
 * connection authenticated as, and is answered on the same connection with an ack carrying the
 * request id and the created annotation or the refusal. Commands of one connection run one after
 * another (after the annotation was published, so the sender holds it when the ack arrives).
 */
export function createAnnotationCommandsExtension(): Extension {
  const queues = new WeakMap<Connection, { tail: Promise<void>; queued: number }>();
  return {
    extensionName: "proofmark-annotation-commands",
    async onStateless({ connection, payload }: onStatelessPayload) {
      const context = connection.context as CollabContext | undefined;
      if (!context?.actor) return;
      const queue = queues.get(connection) ?? { tail: Promise.resolve(), queued: 0 };
      queues.set(connection, queue);
      if (queue.queued >= MAX_QUEUED_COMMANDS) {
        let requestId: string | null = null;
        try {
          requestId = readCommand(payload).requestId;
        } catch {}
        send(connection, {
          type: COMMAND_ACK,
          requestId,
          ok: false,
          error: refusalOf(new CommandRefusal("rate_limited")),
        });
        return;
      }
      queue.queued += 1;
      const done = queue.tail.then(() => run(connection, context, payload));
      queue.tail = done.finally(() => {
        queue.queued -= 1;
      });
      await done;
    },
  };
}

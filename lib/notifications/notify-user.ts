import type { Tx } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** What kind of event a notification reports. */
export type NotificationKind =
  | "annotation.reviewed"
  | "annotation.replied"
  | "annotation.reopened"
  | "annotation.source_changed"
  | "webhook.disabled";

/**
 * Adds an in-app notification inside the caller's transaction, so that it exists exactly when
 * the change it reports does.
 * @throws nothing beyond database errors
 */
export async function notifyUser(
  tx: Tx,
  input: {
    userId: string;
    teamId: string;
    annotationId: string | null;
    kind: NotificationKind;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  await tx.notification.create({
    data: {
      userId: input.userId,
      teamId: input.teamId,
      annotationId: input.annotationId,
      kind: input.kind,
      payload: JSON.parse(JSON.stringify(input.payload)) as Prisma.InputJsonValue,
    },
  });
}

import { z } from "zod";
import type { Tx } from "../db.ts";

/** The PostgreSQL channel on which access changes are announced to every collaboration instance. */
export const ACCESS_CHANGE_CHANNEL = "proofmark_access";

const ZUuid = z.uuid();

/**
 * What changed, as small as possible: whose sessions ended (`user`: sign-out, disabled), whose
 * membership of a team was removed or re-roled (`member`), which article was archived, restored
 * or deleted (`article`). Receivers re-authorize the matching open connections.
 */
export const ZAccessChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: ZUuid }),
  z.object({ kind: z.literal("member"), userId: ZUuid, teamId: ZUuid }),
  z.object({ kind: z.literal("article"), articleId: ZUuid }),
]);
export type TAccessChange = z.infer<typeof ZAccessChange>;

/**
 * Announces an access change from inside the transaction that makes it. PostgreSQL delivers a
 * NOTIFY only when that transaction commits (and never for one rolled back), after the change
 * is visible to every other connection, so a receiver that re-reads access sees the new state.
 * @throws Error when the database write fails (the transaction then rolls back)
 */
export async function signalAccessChange(tx: Tx, change: TAccessChange): Promise<void> {
  const payload = JSON.stringify(ZAccessChange.parse(change));
  await tx.$executeRaw`SELECT pg_notify(${ACCESS_CHANGE_CHANNEL}, ${payload})`;
}

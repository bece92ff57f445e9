import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import { VERDICT_AUDIT_INCLUDE, verdictAuditState } from "./verdict-audit.ts";

/** Why a verdict was withdrawn without being deleted by hand. */
export type WithdrawReason = "relabel" | "reject" | "edit" | "delete";

/**
 * Inside the caller's transaction: deletes the annotation's verdict, if it has one, and records
 * `verdict.withdraw` on the annotation's history. A verdict belongs to an approved fact; a
 * relabel, a rejection, an edit (back to pending) or a deletion ends it.
 * @returns whether a verdict was withdrawn
 * @throws nothing beyond database errors
 */
export async function withdrawVerdictInTx(
  tx: Tx,
  {
    actor,
    teamId,
    annotationId,
    reason,
  }: { actor: Actor; teamId: string; annotationId: string; reason: WithdrawReason },
): Promise<boolean> {
  const verdict = await tx.verdict.findUnique({
    where: { annotationId },
    include: VERDICT_AUDIT_INCLUDE,
  });
  if (verdict) await tx.verdict.delete({ where: { id: verdict.id } });
  if (!verdict) return false;
  await recordAuditEvent(tx, {
    teamId,
    actor,
    action: "verdict.withdraw",
    entityType: "annotation",
    entityId: annotationId,
    before: verdictAuditState(verdict),
    after: { withdrawn: true, because: reason },
  });
  return true;
}

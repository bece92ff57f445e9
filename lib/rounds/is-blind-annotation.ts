import type { Tx } from "../db.ts";

/**
 * Whether an annotation belongs to a blind round that is still open: its events stay out of the
 * team's event feed and webhooks until the reveal (round.revealed lists the round's annotations).
 * @throws nothing beyond database errors
 */
export async function isBlindRoundAnnotation(tx: Tx, annotationId: string): Promise<boolean> {
  const row = await tx.annotation.findUnique({
    where: { id: annotationId },
    select: { round: { select: { status: true } } },
  });
  return row?.round?.status === "OPEN";
}

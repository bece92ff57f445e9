import { z } from "zod";
import { ZId, ZNullableTimestamp, ZTimestamp, ZUserRef } from "./common.ts";

/** One annotator of a round and their progress (lib/rounds/round-json.ts RoundAssignmentJson). */
const ZRoundAssignment = z.object({
  annotator: ZUserRef,
  submittedAt: ZNullableTimestamp,
  annotations: z.number().int().min(0).meta({ description: "Their live annotations in this round" }),
});

/** lib/rounds/round-json.ts RoundJson */
export const ZRound = z
  .object({
    id: ZId,
    articleId: ZId,
    status: z.enum(["open", "revealed", "closed"]),
    dueAt: ZNullableTimestamp,
    createdBy: ZUserRef,
    createdAt: ZTimestamp,
    revealedAt: ZNullableTimestamp,
    closedAt: ZNullableTimestamp,
    annotatorCount: z.number().int().min(1),
    submittedCount: z.number().int().min(0),
    assignments: z.array(ZRoundAssignment).meta({
      description:
        "Moderators and admins see every annotator's progress; an annotator sees only their own entry; others none",
    }),
  })
  .meta({ id: "Round" });

export const ZRoundList = z.object({ rounds: z.array(ZRound) });

/** `POST /api/v1/rounds/{id}/submissions` */
export const ZRoundSubmission = z.object({
  round: ZRound,
  submittedAt: ZTimestamp,
  revealed: z
    .boolean()
    .meta({ description: "true when this was the last submission and the round was revealed" }),
});

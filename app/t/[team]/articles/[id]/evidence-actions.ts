"use server";

import { type ActionResult, runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { addEvidence } from "@/lib/evidence/add-evidence";
import type { EvidenceJson } from "@/lib/evidence/evidence-json";
import { type EvidenceListJson, listEvidence } from "@/lib/evidence/list-evidence";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import {
  type CitableAnnotationJson,
  searchCitableAnnotations,
} from "@/lib/evidence/search-citable-annotations";
import { requestLinkCheck } from "@/lib/evidence/snapshots/request-link-check";
import type { SnapshotSummaryJson } from "@/lib/evidence/snapshots/snapshot-json";

/** What an evidence action answers (the one server-action result type). */
export type EvidenceActionResult<T> = ActionResult<T>;

/** Attaches evidence to an annotation (the input is validated by the domain, as for the API). */
export async function addEvidenceAction(
  annotationId: string,
  input: unknown,
): Promise<EvidenceActionResult<EvidenceJson>> {
  const user = await requireCurrentUser();
  return runAction(() => addEvidence({ actor: user, annotationId: String(annotationId), input }));
}

/** Removes an evidence item. */
export async function removeEvidenceAction(evidenceId: string): Promise<EvidenceActionResult<null>> {
  const user = await requireCurrentUser();
  return runAction(async () => {
    await removeEvidence({ actor: user, evidenceId: String(evidenceId) });
    return null;
  });
}

/** Asks for a link check of an external evidence item now. */
export async function checkEvidenceLinkAction(
  evidenceId: string,
): Promise<EvidenceActionResult<SnapshotSummaryJson>> {
  const user = await requireCurrentUser();
  return runAction(() => requestLinkCheck({ actor: user, evidenceId: String(evidenceId) }));
}

/** The evidence panel's data for one annotation. */
export async function listEvidenceAction(
  annotationId: string,
): Promise<EvidenceActionResult<EvidenceListJson>> {
  const user = await requireCurrentUser();
  return runAction(() => listEvidence({ actor: user, annotationId: String(annotationId) }));
}

/** The picker's search over the team's annotations (quotes and notes). */
export async function searchCitableAction(
  team: string,
  q: string,
  exclude?: string,
): Promise<EvidenceActionResult<CitableAnnotationJson[]>> {
  const user = await requireCurrentUser();
  return runAction(() =>
    searchCitableAnnotations({
      actor: user,
      teamSlug: String(team),
      query: { q: String(q ?? ""), ...(exclude ? { exclude: String(exclude) } : {}) },
    }),
  );
}

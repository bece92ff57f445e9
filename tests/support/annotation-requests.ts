// The annotation requests many integration tests make against the real route handlers: create an
// annotation, review one or many, add evidence. Each returns callJson's answer (status and
// body) for the test to assert on; the response is checked against the API contract on the way.
import { POST as evidenceRoute } from "../../app/api/v1/annotations/[id]/evidence/route.ts";
import { POST as reviewRoute } from "../../app/api/v1/annotations/[id]/reviews/route.ts";
import { POST as createRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { POST as bulkRoute } from "../../app/api/v1/teams/[team]/reviews/bulk/route.ts";
import { callJson, type TestAuth } from "./api.ts";

/** POST /api/v1/articles/{id}/annotations */
export function postAnnotation(auth: TestAuth, articleId: string, input: unknown) {
  return callJson(createRoute, `/api/v1/articles/${articleId}/annotations`, {
    method: "POST",
    auth,
    params: { id: articleId },
    body: input,
  });
}

/** POST /api/v1/annotations/{id}/reviews */
export function postReview(auth: TestAuth, annotationId: string, input: unknown) {
  return callJson(reviewRoute, `/api/v1/annotations/${annotationId}/reviews`, {
    method: "POST",
    auth,
    params: { id: annotationId },
    body: input,
  });
}

/** POST /api/v1/teams/{team}/reviews/bulk */
export function postBulkReview(auth: TestAuth, teamSlug: string, input: unknown) {
  return callJson(bulkRoute, `/api/v1/teams/${teamSlug}/reviews/bulk`, {
    method: "POST",
    auth,
    params: { team: teamSlug },
    body: input,
  });
}

/** POST /api/v1/annotations/{id}/evidence */
export function postEvidence(auth: TestAuth, annotationId: string, input: unknown) {
  return callJson(evidenceRoute, `/api/v1/annotations/${annotationId}/evidence`, {
    method: "POST",
    auth,
    params: { id: annotationId },
    body: input,
  });
}

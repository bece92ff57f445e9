// The browser's typed calls to /api/v1: one function per endpoint the client components use, one
// place that reads responses and errors. Client-side module: it only imports types from lib/.
import type { AnnotationJson } from "../annotations/annotation-json.ts";
import type { DisagreementJson } from "../moderation/list-disagreements.ts";
import type { ReviewQueuePage } from "../moderation/list-review-queue.ts";
import type { NotificationJson } from "../notifications/list-notifications.ts";
import type { ReviewJson } from "../reviews/list-reviews.ts";
import type { RoundJson } from "../rounds/round-json.ts";
import type { LabelName } from "../validation/annotations.ts";

/** A refused or failed API call, with the API's message for people (`{error: {code, message}}`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;

  constructor(status: number, code: string | null, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

async function readApiError(response: Response): Promise<ApiError> {
  const fallback = `Request failed (${response.status})`;
  try {
    const body: unknown = await response.json();
    const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === "object" && error !== null) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return new ApiError(
        response.status,
        typeof code === "string" ? code : null,
        typeof message === "string" ? message : fallback,
      );
    }
  } catch {
    // not JSON: the status says enough
  }
  return new ApiError(response.status, null, fallback);
}

/**
 * Calls the API and returns its JSON answer, typed by the endpoint function that calls it (the
 * response shapes are the use cases' own types, documented in the OpenAPI file).
 * @throws ApiError on any non-2xx answer
 */
async function requestJson<T>(
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    cache: "no-store",
    ...(init.body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw await readApiError(response);
  return (await response.json()) as T;
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function teamPath(team: string, rest: string): string {
  return `/api/v1/teams/${encodeURIComponent(team)}${rest}`;
}

function annotationPath(id: string, rest: string): string {
  return `/api/v1/annotations/${encodeURIComponent(id)}${rest}`;
}

/** The review queue's query: its filters (as strings, like search params) and a page cursor. */
export type ReviewQueueQuery = Record<string, string | undefined> & { cursor?: string };

/** `GET /api/v1/teams/{team}/review-queue`: one page of the queue. */
export function fetchReviewQueue(team: string, query: ReviewQueueQuery): Promise<ReviewQueuePage> {
  return requestJson(withQuery(teamPath(team, "/review-queue"), query));
}

/** `GET /api/v1/teams/{team}/review-queue/disagreements`: the open disagreements (of one article). */
export function fetchDisagreements(
  team: string,
  article?: string,
): Promise<{ disagreements: DisagreementJson[] }> {
  return requestJson(withQuery(teamPath(team, "/review-queue/disagreements"), { article }));
}

/** One decision's input, as `POST /api/v1/annotations/{id}/reviews` takes it. */
export interface ReviewDecision {
  decision: "approve" | "reject" | "relabel";
  label?: LabelName;
  reason?: string;
  version?: number;
}

/** `POST /api/v1/annotations/{id}/reviews`: approve, reject or relabel one annotation. */
export function reviewAnnotation(
  id: string,
  input: ReviewDecision,
): Promise<{ review: ReviewJson; annotation: AnnotationJson }> {
  return requestJson(annotationPath(id, "/reviews"), { method: "POST", body: input });
}

/** `POST /api/v1/teams/{team}/reviews/bulk`: one decision on a selection, all or none. */
export function reviewAnnotationsBulk(
  team: string,
  input: { annotationIds: string[]; decision: "approve" | "reject"; reason?: string },
): Promise<{ annotations: AnnotationJson[] }> {
  return requestJson(teamPath(team, "/reviews/bulk"), { method: "POST", body: input });
}

/** `POST /api/v1/teams/{team}/review-queue/settle`: one label for every side of a disagreement. */
export function settleDisagreement(
  team: string,
  input: { annotationIds: string[]; label: LabelName; reason: string },
): Promise<unknown> {
  return requestJson(teamPath(team, "/review-queue/settle"), { method: "POST", body: input });
}

/** `POST /api/v1/annotations/{id}/reopen`: back to pending review. */
export function reopenAnnotation(
  id: string,
  input: { version?: number },
): Promise<{ annotation: AnnotationJson }> {
  return requestJson(annotationPath(id, "/reopen"), { method: "POST", body: input });
}

/** `GET /api/v1/notifications`: the newest notifications and the unread count. */
export function fetchNotifications(
  limit: number,
): Promise<{ notifications: NotificationJson[]; unread: number }> {
  return requestJson(withQuery("/api/v1/notifications", { limit: String(limit) }));
}

/** `POST /api/v1/notifications/read` `{all: true}`: marks every notification read. */
export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return requestJson("/api/v1/notifications/read", { method: "POST", body: { all: true } });
}

/** `GET /api/v1/rounds/{id}`: one blind round with the progress the reader may see. */
export function fetchRound(id: string): Promise<RoundJson> {
  return requestJson(`/api/v1/rounds/${encodeURIComponent(id)}`);
}

import { ZodError, type ZodType } from "zod";
import type { Actor } from "../auth/actor.ts";
import { AppError, databaseUnavailable, errorBody, isDatabaseUnavailableError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { currentRequestId, REQUEST_ID_HEADER, requestIdFrom } from "../observability/request-context.ts";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "../validation/text.ts";
import { resolveActorFromRequest } from "./actor-from-request.ts";

/** The largest JSON body an endpoint reads unless it says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The longest request URL (path and query) any route accepts; longer ones get 414. */
export const MAX_URL_LENGTH = 8 * 1024;

/** The deepest nesting of arrays and objects a JSON body may have (the API's own bodies need 4). */
export const MAX_JSON_DEPTH = 32;

type Params = Record<string, string | string[] | undefined>;

export interface RouteContext<A extends Actor | null> {
  req: Request;
  params: Record<string, string>;
  actor: A;
}

type Handler<A extends Actor | null> = (ctx: RouteContext<A>) => Promise<Response>;

/** The request's id: set by server.ts (header and context); a new one where neither exists (tests, scripts). */
export function requestIdOf(req?: Request): string {
  return currentRequestId() ?? requestIdFrom(req?.headers.get(REQUEST_ID_HEADER));
}

/**
 * Turns any thrown value into the API's JSON error response, with `error.requestId` (also sent
 * as the x-request-id header) so that a report can be matched with the server's log line.
 */
export function errorResponse(error: unknown, requestId: string = requestIdOf()): Response {
  const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
  if (!(error instanceof AppError) && isDatabaseUnavailableError(error)) {
    // Expected during an outage: one line, no stack; the client is told to retry.
    getLogger().error(
      { requestId, cause: (error as Error).message?.split("\n").at(-1) ?? String(error) },
      "database unavailable",
    );
    return errorResponse(databaseUnavailable(), requestId);
  }
  if (error instanceof AppError) {
    const retryable = error.code === "rate_limited" || error.code === "unavailable";
    if (retryable && typeof error.details?.retryAfterSeconds === "number") {
      headers["retry-after"] = String(error.details.retryAfterSeconds);
    }
    return Response.json(errorBody(error, requestId), { status: error.status, headers });
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const path = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return Response.json(
      errorBody(new AppError("invalid_input", `${path}${issue?.message ?? "Invalid input"}`), requestId),
      { status: 400, headers },
    );
  }
  getLogger().error({ err: error, requestId }, "unexpected error in a route handler");
  return Response.json(
    errorBody(new AppError("internal", "Something went wrong on our side. Please try again."), requestId),
    { status: 500, headers },
  );
}

/** A JSON response (201 for created objects). */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store", ...headers } });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Browsers always send Origin on cross-site writes; a cookie-authenticated write whose
// Origin is not this site is a cross-site request forgery attempt.
function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (req.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site requests are not accepted");
  }
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Cross-site requests are not accepted");
  }
  const publicHost = process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).host : null;
  if (originHost !== host && originHost !== publicHost) {
    throw new AppError("forbidden", "Cross-site requests are not accepted");
  }
}

async function flattenParams(raw: unknown): Promise<Record<string, string>> {
  const awaited = ((await (raw as { params?: Promise<Params> | Params })?.params) ?? {}) as Params;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(awaited)) {
    if (typeof value === "string") result[key] = value;
    else if (Array.isArray(value)) result[key] = value.join("/");
  }
  return result;
}

// Every route, whether it reads its query itself or through readQuery: a URL too long for any
// legitimate request is refused before any work, and a NUL (PostgreSQL text cannot hold one) or a
// lone surrogate in a parameter is bad input rather than a database error later.
function assertAcceptableUrl(req: Request): void {
  if (req.url.length > MAX_URL_LENGTH) {
    throw new AppError("uri_too_long", `The URL is longer than the ${MAX_URL_LENGTH} characters accepted`);
  }
  for (const [name, value] of new URL(req.url).searchParams) {
    if (!isStorableText(name) || !isStorableText(value)) {
      throw new AppError("invalid_input", `${name}: ${UNSTORABLE_TEXT_MESSAGE}`);
    }
  }
}

function wrap<A extends Actor | null>(requireActor: boolean, handler: Handler<A>) {
  return async (req: Request, context?: unknown): Promise<Response> => {
    try {
      assertAcceptableUrl(req);
      const params = await flattenParams(context);
      const actor = await resolveActorFromRequest(req);
      if (requireActor && !actor) throw new AppError("unauthenticated", "Sign in or send an API token");
      if (actor?.kind === "user") assertSameOrigin(req);
      return await handler({ req, params, actor: actor as A });
    } catch (error) {
      return errorResponse(error, requestIdOf(req));
    }
  };
}

/** A route handler that needs a signed-in user or an API token. */
export function authedRoute(handler: Handler<Actor>) {
  return wrap<Actor>(true, handler);
}

/**
 * A route handler that reads no credentials and no input (health, published documents): only the
 * checks every request gets (URL length, parameters) and the error format.
 */
export function staticRoute(handler: () => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      assertAcceptableUrl(req);
      return await handler();
    } catch (error) {
      return errorResponse(error, requestIdOf(req));
    }
  };
}

/** A route handler open to anyone (the actor is null when nobody is signed in). */
export function publicRoute(handler: Handler<Actor | null>) {
  return wrap<Actor | null>(false, handler);
}

/**
 * Reads a JSON body, refusing wrong content types (415), bodies over `maxBytes` (413),
 * malformed or empty JSON, nesting deeper than MAX_JSON_DEPTH, strings with a NUL character or a
 * lone surrogate (400) and input the schema rejects (400, first issue in the message).
 * @throws AppError unsupported_media_type, too_large, invalid_input; ZodError (mapped to 400)
 */
export async function readJson<T>(
  req: Request,
  schema: ZodType<T>,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<T> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readTextWithLimit(req, maxBytes);
  if (text.trim() === "") throw new AppError("invalid_input", "The body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON");
  }
  assertPlainJson(value, "", 0);
  return schema.parse(value);
}

// Walks a parsed body once: bounded depth (so no later recursive validator can be driven into a
// stack overflow) and only text PostgreSQL can store verbatim, in keys and values alike.
function assertPlainJson(value: unknown, path: string, depth: number): void {
  if (typeof value === "string") {
    if (!isStorableText(value)) {
      throw new AppError("invalid_input", `${path || "body"}: ${UNSTORABLE_TEXT_MESSAGE}`);
    }
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (depth >= MAX_JSON_DEPTH) {
    throw new AppError("invalid_input", `The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertPlainJson(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!isStorableText(key)) throw new AppError("invalid_input", `${at}: ${UNSTORABLE_TEXT_MESSAGE}`);
    assertPlainJson(item, at, depth + 1);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    "too_large",
    `The body is larger than the ${Math.round(maxBytes / 1024)} KB this endpoint accepts`,
  );
}

async function readTextWithLimit(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Parses search params with a zod schema (400 on bad values). */
export function readQuery<T>(req: Request, schema: ZodType<T>): T {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}

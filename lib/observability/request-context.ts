// One id per HTTP request, set by server.ts and readable anywhere below it (route handlers,
// use cases writing audit events, log lines). server.ts and Next's bundled route code are
// separate module instances, so the AsyncLocalStorage lives on globalThis under a registered key.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export interface RequestContext {
  requestId: string;
}

const KEY = Symbol.for("proofmark.requestContext");
const registry = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
registry[KEY] ??= new AsyncLocalStorage<RequestContext>();
const storage: AsyncLocalStorage<RequestContext> = registry[KEY];

/** The response and request header carrying the id (proxies and clients may send one). */
export const REQUEST_ID_HEADER = "x-request-id";

// Letters, digits and a few separators, bounded: safe in a log line, a header and a database column.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@-]{8,128}$/;

/**
 * The id for a request: the caller's `X-Request-Id` when it is safe (8–128 characters of
 * letters, digits and `. _ : @ -`, so a proxy's id joins the logs up), otherwise a new UUID.
 * @throws nothing
 */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return typeof value === "string" && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Runs `fn` with `requestId` as the current request's id. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** The id of the request being served, or undefined outside one (scripts, timers, websockets). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

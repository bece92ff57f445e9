/** The error codes of the public API and the HTTP status each one maps to (DESIGN.md). */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  // The outbound fetcher (lib/fetch): the remote side, not the request, is the problem, so these
  // are 4xx "cannot process what you pointed at" (422) or "a dependency failed" (424), never 5xx.
  fetch_blocked_address: 422,
  fetch_unsupported_type: 422,
  fetch_too_large: 422,
  fetch_timeout: 424,
  fetch_http_error: 424,
  fetch_failed: 424,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure of a use case; its message is written for people and safe to show. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Shorthand for the 404 that hides whether something exists. */
export function notFound(what = "Resource"): AppError {
  return new AppError("not_found", `${what} not found`);
}

/** Shorthand for a 403 on something the actor may see but not change. */
export function forbidden(message = "You are not allowed to do this"): AppError {
  return new AppError("forbidden", message);
}

/** The JSON body of an error response: `{ error: { code, message } }`. */
export function errorBody(error: AppError): {
  error: { code: ErrorCode; message: string; details?: unknown };
} {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

/**
 * How "PostgreSQL cannot be reached" shows up, whichever layer reports it: Prisma's error codes,
 * the pg driver adapter's error kinds, socket errors, SQLSTATEs of a server that is shutting
 * down or starting (class 08 connection exception, 57P01–57P03), and pg's own messages. Such a
 * failure is answered 503 `unavailable` (lib/api/route.ts), never 500. So is a database too busy
 * to hand out a connection or start a transaction in time (P2024, P2028): under overload the
 * client should back off and retry, which is what 503 with Retry-After says.
 */
const DATABASE_UNAVAILABLE = {
  prismaCodes: new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]),
  adapterKinds: new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]),
  socketCodes: new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]),
  sqlState: /^(?:08[0-9A-Z]{3}|57P0[123])$/,
  message:
    /Connection terminated|Server has closed the connection|Can't reach database server|timeout exceeded when trying to connect|terminating connection due to administrator command|the database system is (?:starting up|shutting down)/i,
} as const;

/** What people are told when the database cannot be reached. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not available at the moment. Please try again in a few seconds.";

/** Whether `error` (or an error it wraps) means PostgreSQL could not be reached. */
export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as {
    code?: unknown;
    errorCode?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  for (const code of [e.code, e.errorCode]) {
    if (typeof code !== "string") continue;
    if (DATABASE_UNAVAILABLE.prismaCodes.has(code) || DATABASE_UNAVAILABLE.socketCodes.has(code)) return true;
    if (DATABASE_UNAVAILABLE.sqlState.test(code)) return true;
  }
  if (typeof e.kind === "string" && DATABASE_UNAVAILABLE.adapterKinds.has(e.kind)) return true;
  if (typeof e.message === "string" && DATABASE_UNAVAILABLE.message.test(e.message)) return true;
  return (
    isDatabaseUnavailableError(e.meta?.driverAdapterError, depth + 1) ||
    isDatabaseUnavailableError(e.cause, depth + 1)
  );
}

/** The 503 AppError for a database that cannot be reached. */
export function databaseUnavailable(): AppError {
  return new AppError("unavailable", DATABASE_UNAVAILABLE_MESSAGE, { retryAfterSeconds: 5 });
}

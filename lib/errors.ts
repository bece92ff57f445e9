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
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
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

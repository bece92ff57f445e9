// Pages that fail because PostgreSQL is unreachable should answer 503 (with Retry-After), not
// Next's 500. Next reports a page's failure to instrumentation.ts (onRequestError) before the
// error page's status goes out; that marks the outage here, and server.ts turns the HTML 500 of
// such a request into a 503. Shared through globalThis (the bundle and server.ts both use it).
const KEY = Symbol.for("proofmark.databaseOutage");
const registry = globalThis as unknown as Record<symbol, { at: number } | undefined>;

/** How long after a database failure a page's 500 is taken for the outage. */
export const OUTAGE_WINDOW_MS = 10_000;

/** Records that a request just failed because the database was unreachable. */
export function markDatabaseUnavailable(now = Date.now()): void {
  registry[KEY] = { at: now };
}

/** Whether a request failed for want of the database within the last OUTAGE_WINDOW_MS. */
export function databaseRecentlyUnavailable(now = Date.now()): boolean {
  const last = registry[KEY];
  return last !== undefined && now - last.at < OUTAGE_WINDOW_MS;
}

// Next's hook for errors thrown while rendering a page or running a route: logged as one JSON
// line with the request id; a database outage is marked so that server.ts answers 503.
import { isDatabaseUnavailableError } from "./lib/errors.ts";
import { markDatabaseUnavailable } from "./lib/observability/database-outage.ts";
import { getLogger } from "./lib/observability/logger.ts";

export function register(): void {}

export function onRequestError(error: unknown, request: { path: string; method: string }): void {
  if (isDatabaseUnavailableError(error)) {
    markDatabaseUnavailable();
    getLogger().error({ path: request.path.split("?")[0] }, "page failed: database unavailable");
    return;
  }
  getLogger().error({ err: error, path: request.path.split("?")[0] }, "page failed");
}

import { json, staticRoute } from "@/lib/api/route.ts";
import { checkDatabase } from "@/lib/health/check-database.ts";

export const dynamic = "force-dynamic";

/** Liveness and readiness: 200 when the database answers, 503 when it does not. Needs no credentials. */
export const GET = staticRoute(async (): Promise<Response> => {
  if (await checkDatabase()) return json({ status: "ok", database: "ok" });
  return json(
    {
      status: "unavailable",
      database: "unreachable",
      error: { code: "unavailable", message: "The database is not reachable" },
    },
    503,
  );
});

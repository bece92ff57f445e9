import { db } from "../db.ts";
import { getLogger } from "../observability/logger.ts";

/** Whether the database answers `SELECT 1` within `timeoutMs`; never throws. */
export async function checkDatabase(timeoutMs = 2000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const ok = db.$queryRaw`SELECT 1`.then(
      () => true,
      (error: unknown) => {
        getLogger().error(
          { detail: error instanceof Error ? error.message : error },
          "[health] database check failed",
        );
        return false;
      },
    );
    return await Promise.race([ok, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// `npm run db:migrate`: applies the committed migrations (prisma/migrations) to the database
// at DATABASE_URL, or to the embedded development database in .data when it is unset.
import { migrateDatabase } from "../lib/db/migrate.ts";
import { openLocalDatabase } from "./local-database.ts";

const log = (line: string) => console.log(`[db:migrate] ${line}`);
const database = await openLocalDatabase({ reuseRunning: true, log });
try {
  const applied = await migrateDatabase(database.url, { log });
  log(applied.length > 0 ? `applied ${applied.length} migration(s)` : "nothing to apply: up to date");
} catch (error) {
  console.error(`[db:migrate] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}

// `npm run db:seed`: migrates, then loads the demo team, users and article (idempotent) into
// the database at DATABASE_URL, or into the embedded development database in .data.
import { migrateDatabase } from "../lib/db/migrate.ts";
import { openLocalDatabase } from "./local-database.ts";

const log = (line: string) => console.log(`[db:seed] ${line}`);
const database = await openLocalDatabase({ reuseRunning: true, log });
try {
  process.env.DATABASE_URL = database.url;
  await migrateDatabase(database.url, { log });
  const { printDemoAccounts, seedDemo } = await import("../prisma/seed.ts");
  await seedDemo();
  printDemoAccounts(log);
  const { disconnectDb } = await import("../lib/db.ts");
  await disconnectDb();
} catch (error) {
  console.error("[db:seed] failed:", error);
  process.exitCode = 1;
} finally {
  await database.stop();
}

// `npm run user:disable -- someone@example.org`: disables a user and ends all their sessions at
// once (their API tokens stop working too), in the database at DATABASE_URL or the embedded
// development database in .data.
import { openLocalDatabase } from "./local-database.ts";

const log = (line: string) => console.log(`[user:disable] ${line}`);
const email = process.argv[2]?.trim().toLowerCase();
if (!email) {
  console.error("usage: npm run user:disable -- <email>");
  process.exit(2);
}

let exitCode = 0;
const database = await openLocalDatabase({ reuseRunning: true, log });
try {
  process.env.DATABASE_URL = database.url;
  const { db, disconnectDb } = await import("../lib/db.ts");
  const { disableUser } = await import("../lib/users/disable-user.ts");
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) {
    console.error(`[user:disable] no user with email ${email}`);
    exitCode = 1;
  } else {
    const { revokedSessions } = await disableUser({ userId: user.id });
    log(`disabled ${email}; ended ${revokedSessions} session(s)`);
  }
  await disconnectDb();
} catch (error) {
  console.error("[user:disable] failed:", error);
  exitCode = 1;
} finally {
  await database.stop();
}
// Set explicitly: the database client's shutdown can reset process.exitCode.
process.exit(exitCode);

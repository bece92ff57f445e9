import type { Tx } from "../db.ts";
import { AppError } from "../errors.ts";

/**
 * Locks the team's admin memberships and refuses a change that would leave the team without
 * an admin. Locking makes two concurrent demotions of the last two admins wait for each other.
 * @throws AppError conflict when `userId` is the team's only admin
 */
export async function assertNotLastAdmin(
  tx: Tx,
  teamId: string,
  userId: string,
  message: string,
): Promise<void> {
  const admins = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId"::text AS "userId" FROM "Membership"
    WHERE "teamId" = ${teamId}::uuid AND "role" = 'ADMIN'
    ORDER BY "id" FOR UPDATE`;
  if (admins.length <= 1 && admins.some((admin) => admin.userId === userId)) {
    throw new AppError("conflict", message);
  }
}

import "server-only";
import bcrypt from "bcryptjs";

const COST = Number(process.env.BCRYPT_COST ?? 12);

/** Hashes a password with bcrypt (cost 12 unless BCRYPT_COST says otherwise). */
export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

/** Checks a password against a stored bcrypt hash; false for a missing hash. */
export async function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) return false;
  return bcrypt.compare(plain, hash);
}

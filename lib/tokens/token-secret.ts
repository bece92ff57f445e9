import { createHash, randomBytes } from "node:crypto";

/** Every API token starts with this, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = "pm_";

/** Makes a new token secret: the prefix and 32 random bytes in base64url. */
export function generateTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** The SHA-256 (hex) that is stored instead of a secret (tokens and invite links). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

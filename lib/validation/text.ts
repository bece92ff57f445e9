import { z } from "zod";

/** The message of a refused text: says what is wrong, never echoes the input. */
export const UNSTORABLE_TEXT_MESSAGE = "contains a NUL character or invalid Unicode";

/**
 * Text PostgreSQL can store exactly as sent: no NUL character (a `text` column refuses it) and
 * no lone UTF-16 surrogate (the driver would silently store U+FFFD instead).
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** A string schema that refuses what `isStorableText` refuses (400 with a precise message). */
export function storableString() {
  return z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}

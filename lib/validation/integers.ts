import { z } from "zod";

/** The largest value of a PostgreSQL `integer` (int4) column. */
export const PG_INT_MAX = 2_147_483_647;

/**
 * A whole number that fits the PostgreSQL `integer` column it is compared with or stored in:
 * a larger one is bad input (400), never a database error (500).
 */
export function pgInt() {
  return z.number().int().max(PG_INT_MAX, `must be at most ${PG_INT_MAX}`);
}

/** pgInt for query parameters and form fields (text that must read as such a number). */
export function pgIntFromText() {
  return z.coerce.number().int().max(PG_INT_MAX, `must be at most ${PG_INT_MAX}`);
}

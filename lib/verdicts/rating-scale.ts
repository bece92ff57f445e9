import type { Tx } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";

/** A rating as the API, the live state, the exports and the public page show it. */
export interface RatingJson {
  id: string;
  label: string;
  value: number | null;
  colour: string;
  position: number;
}

/** A team's scale with the bounds ClaimReview needs (null when fewer than two numeric values). */
export interface RatingScaleJson {
  items: RatingJson[];
  bestRating: number | null;
  worstRating: number | null;
}

/** The scale every team starts with (the migration backfills the same one; keep them equal). */
export const DEFAULT_RATING_SCALE: ReadonlyArray<Omit<RatingJson, "id" | "position">> = [
  { label: "True", value: 5, colour: "#1a7f37" },
  { label: "Mostly true", value: 4, colour: "#57a33b" },
  { label: "Half true", value: 3, colour: "#b08800" },
  { label: "Mostly false", value: 2, colour: "#d4621a" },
  { label: "False", value: 1, colour: "#c62828" },
  { label: "Unverifiable", value: null, colour: "#6b7280" },
];

const RATING_SELECT = { id: true, label: true, value: true, colour: true, position: true } as const;

/** Maps a scale row to its JSON form. */
export function toRatingJson(row: RatingJson): RatingJson {
  return { id: row.id, label: row.label, value: row.value, colour: row.colour, position: row.position };
}

/** The best and worst numeric values of a scale. */
export function scaleBounds(items: readonly { value: number | null }[]): {
  bestRating: number | null;
  worstRating: number | null;
} {
  const values = items.map((item) => item.value).filter((value): value is number => value !== null);
  if (values.length < 2) return { bestRating: null, worstRating: null };
  return { bestRating: Math.max(...values), worstRating: Math.min(...values) };
}

/**
 * A team's rating scale in order, creating the default scale the first time a team without one
 * is asked (teams made before or outside createTeam). A transaction-scoped advisory lock keeps
 * two first readers from creating it twice. Access is the caller's business.
 * @throws nothing beyond database errors
 */
export async function ensureRatingScale(tx: Tx, teamId: string): Promise<RatingScaleJson> {
  let rows = await tx.ratingScaleItem.findMany({
    where: { teamId },
    orderBy: { position: "asc" },
    select: RATING_SELECT,
  });
  if (rows.length === 0) {
    await tx.$executeRaw(
      Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`rating-scale:${teamId}`}, 0))`,
    );
    rows = await tx.ratingScaleItem.findMany({
      where: { teamId },
      orderBy: { position: "asc" },
      select: RATING_SELECT,
    });
    if (rows.length === 0) {
      await tx.ratingScaleItem.createMany({
        data: DEFAULT_RATING_SCALE.map((item, position) => ({ ...item, teamId, position })),
      });
      rows = await tx.ratingScaleItem.findMany({
        where: { teamId },
        orderBy: { position: "asc" },
        select: RATING_SELECT,
      });
    }
  }
  const items = rows.map(toRatingJson);
  return { items, ...scaleBounds(items) };
}

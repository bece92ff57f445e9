import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { requireTeamAction } from "../teams/access.ts";
import { ZListEventsQuery } from "../validation/events.ts";
import type { EventPayload } from "./record-event.ts";

/** One entry of the team feed: the webhook payload plus its stable id and its cursor. */
export interface FeedEvent extends EventPayload {
  id: string;
  cursor: string;
}

/** The public id of an event: the feed's `id` and the webhooks' `webhook-id`. */
export function publicEventId(id: bigint | number | string): string {
  return `evt_${id}`;
}

/**
 * Reads the team's events in order after a cursor (members; tokens with `read`). Only events the
 * relay has placed are listed: their positions are assigned one committed batch at a time, so a
 * consumer that resumes from its last cursor never misses one that committed late.
 * @throws AppError not_found | forbidden | invalid_input (ZodError)
 */
export async function listEvents({
  actor,
  slug,
  query,
}: {
  actor: Actor;
  slug: string;
  query: unknown;
}): Promise<{ events: FeedEvent[]; nextCursor: string | null }> {
  const access = await requireTeamAction(actor, { slug }, "team.read");
  const { after, types, limit } = ZListEventsQuery.parse(query);
  const rows = await db.$queryRaw<Array<{ id: bigint; seq: bigint; payload: EventPayload }>>`
    SELECT id, seq, payload FROM "Event"
    WHERE "teamId" = ${access.team.id}::uuid AND seq IS NOT NULL
      AND seq > ${after ?? "0"}::bigint
      ${types && types.length > 0 ? Prisma.sql`AND type = ANY(${types}::text[])` : Prisma.empty}
    ORDER BY seq
    LIMIT ${limit}`;
  const events = rows.map((row) => ({
    id: publicEventId(row.id),
    cursor: String(row.seq),
    ...row.payload,
  }));
  // The cursor to resume from: the last one seen, or the caller's own when the page is empty.
  return { events, nextCursor: events.at(-1)?.cursor ?? after ?? null };
}

import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { EventType } from "./event-types.ts";

/** What a use case reports: its team, the type and the data (ids, labels, quotes, links; never secrets). */
export interface EventInput {
  teamId: string;
  type: EventType;
  data: Record<string, unknown>;
}

/** The payload as subscribers receive it (webhook body, feed entry). */
export interface EventPayload {
  /** An EventType, or `webhook.test` for an endpoint's test delivery. */
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Who did it, as events show it: a user's id and name, and whether through an API token. */
export function eventActor(actor: Actor | null, name: string | null): Record<string, unknown> | null {
  if (!actor) return null;
  return { id: actor.userId, name, via: actor.kind === "token" ? "api_token" : "session" };
}

function payloadOf(event: EventInput): EventPayload {
  return { type: event.type, timestamp: new Date().toISOString(), data: event.data };
}

/**
 * Appends an event to the team's outbox inside the caller's transaction, next to its audit
 * event: it exists exactly when the change does, and the relay delivers it after the commit.
 * @throws nothing beyond database errors
 */
export async function recordEvent(tx: Tx, event: EventInput): Promise<void> {
  const payload = JSON.parse(JSON.stringify(payloadOf(event))) as Prisma.InputJsonValue;
  await tx.event.create({ data: { teamId: event.teamId, type: event.type, payload } });
}

/**
 * The same event as an SQL `INSERT`, for a use case that writes its change in one statement
 * (data-modifying CTEs). `extra` is merged into `data` by PostgreSQL (values read in SQL).
 * @throws nothing (builds SQL)
 */
export function eventInsertSql(event: EventInput, extra: Prisma.Sql = Prisma.sql`'{}'::jsonb`): Prisma.Sql {
  const payload = JSON.stringify(payloadOf(event));
  return Prisma.sql`INSERT INTO "Event" ("teamId", type, payload)
    VALUES (${event.teamId}::uuid, ${event.type},
            jsonb_set(${payload}::jsonb, '{data}', (${payload}::jsonb -> 'data') || ${extra}))`;
}

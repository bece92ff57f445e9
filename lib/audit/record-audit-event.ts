import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { currentRequestId } from "../observability/request-context.ts";

export interface AuditEventInput {
  teamId: string | null;
  actor: Actor | null;
  /** What happened, as `<entity>.<verb>`: `team.create`, `member.role_change`, `token.revoke`, ... */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

// The one mapping from an event to its row, for both ways of writing it.
function auditEventColumns(event: AuditEventInput) {
  return {
    teamId: event.teamId,
    actorId: event.actor?.userId ?? null,
    tokenId: event.actor?.kind === "token" ? event.actor.tokenId : null,
    action: event.action,
    entityType: event.entityType,
    before: toJson(event.before),
    after: toJson(event.after),
    // The request being served (server.ts sets it), so an audit event leads to its log lines.
    requestId: currentRequestId() ?? null,
  };
}

/**
 * Appends an event to the audit log, inside the caller's transaction so that the change and
 * its record commit together. The log has no update or delete path (the database refuses both).
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...auditEventColumns(event), entityId: event.entityId } });
}

/**
 * The same audit event as an SQL `INSERT`, for a use case that writes its change and its record
 * in ONE statement (data-modifying CTEs): atomic like a transaction, one round trip instead of
 * the four of BEGIN, change, audit event, COMMIT.
 * @throws nothing (builds SQL; the statement that embeds it fails as a whole)
 */
export function auditEventInsertSql(event: AuditEventInput): Prisma.Sql {
  const row = auditEventColumns(event);
  const json = (value: Prisma.InputJsonValue | undefined) =>
    value === undefined ? Prisma.sql`NULL` : Prisma.sql`${JSON.stringify(value)}::jsonb`;
  return Prisma.sql`INSERT INTO "AuditEvent" ("teamId", "actorId", "tokenId", action, "entityType", "entityId", before, after, "requestId")
    VALUES (${row.teamId}::uuid, ${row.actorId}::uuid, ${row.tokenId}::uuid, ${row.action}, ${row.entityType},
            ${event.entityId}, ${json(row.before)}, ${json(row.after)}, ${row.requestId})`;
}

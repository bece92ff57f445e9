import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

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

/**
 * Appends an event to the audit log, inside the caller's transaction so that the change and
 * its record commit together. The log has no update or delete path (the database refuses both).
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      teamId: event.teamId,
      actorId: event.actor?.userId ?? null,
      tokenId: event.actor?.kind === "token" ? event.actor.tokenId : null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: toJson(event.before),
      after: toJson(event.after),
    },
  });
}

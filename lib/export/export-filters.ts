import { AppError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { AnnotationStatus, Label } from "../generated/prisma/enums.ts";
import { can } from "../policies/team.ts";
import {
  type AnnotationViewer,
  annotationViewerOf,
  visibleAnnotationSql,
} from "../rounds/annotation-visibility.ts";
import type { TeamAccess } from "../teams/access.ts";
import { toLabel } from "../validation/annotations.ts";
import type { TArticleExportQuery } from "../validation/export.ts";

/** Which annotations an export includes, after the permission rule. */
export interface ExportFilters {
  statuses: AnnotationStatus[];
  /** Every status the exporter may see (the status filter may narrow `statuses` further). */
  visible: AnnotationStatus[];
  label?: Label;
  since?: Date;
  /** Whether the caller narrowed the export (then articles without a match are left out of team exports). */
  narrowed: boolean;
  /** Whose view of the annotations (blind rounds, lib/rounds/annotation-visibility.ts). */
  viewer: AnnotationViewer;
}

/**
 * Whether the exporter sees pending and rejected annotations: moderators and admins by session;
 * an API token only with the `review` scope (besides `export`) and a moderator or admin creator.
 */
export function canExportAllStatuses(access: TeamAccess): boolean {
  return can(access, "annotation.review");
}

/**
 * Applies the permission rule to the requested filters.
 * @throws AppError forbidden when a viewer or annotator asks for pending or rejected annotations
 */
export function resolveExportFilters(
  access: TeamAccess,
  query: Pick<TArticleExportQuery, "status" | "label" | "since">,
): ExportFilters {
  const all = canExportAllStatuses(access);
  const visible: AnnotationStatus[] = all ? ["PENDING", "APPROVED", "REJECTED"] : ["APPROVED"];
  let statuses = visible;
  if (query.status) {
    const wanted = query.status.toUpperCase() as AnnotationStatus;
    if (!visible.includes(wanted)) {
      throw new AppError(
        "forbidden",
        "Only moderators and admins may export pending or rejected annotations",
      );
    }
    statuses = [wanted];
  }
  return {
    statuses,
    visible,
    label: query.label ? toLabel(query.label) : undefined,
    since: query.since,
    narrowed: Boolean(query.status || query.label || query.since),
    viewer: annotationViewerOf(access),
  };
}

/**
 * The SQL condition (over the alias `a` of "Annotation") on the annotations an export includes:
 * never deleted ones, only those the exporter may see (blind rounds), then the statuses, label and `since` of the filters. The one place this
 * rule lives: the annotation reads and the team export's article filter both use it.
 */
export function annotationFilterSql(filters: ExportFilters): Prisma.Sql {
  const conditions = [
    Prisma.sql`a."deletedAt" IS NULL`,
    Prisma.sql`a.status = ANY(${filters.statuses}::"AnnotationStatus"[])`,
    visibleAnnotationSql(filters.viewer),
  ];
  if (filters.label) conditions.push(Prisma.sql`a.label = ${filters.label}::"Label"`);
  if (filters.since) conditions.push(Prisma.sql`a."updatedAt" >= ${filters.since}`);
  return Prisma.join(conditions, " AND ");
}

import { can, type TeamSubject } from "./team.ts";

/** Whether the subject may attach evidence to an annotation of its team (annotators and up; scope annotate). */
export function canAddEvidence(subject: TeamSubject): boolean {
  return can(subject, "annotation.create");
}

/**
 * Whether the subject may remove an evidence item: with the right to annotate, whoever added it,
 * the author of the annotation it supports, and moderators and admins.
 */
export function canRemoveEvidence(
  subject: TeamSubject & { userId: string },
  evidence: { addedById: string; annotationAuthorId: string },
): boolean {
  if (!can(subject, "annotation.create")) return false;
  if (subject.role === "MODERATOR" || subject.role === "ADMIN") return true;
  return evidence.addedById === subject.userId || evidence.annotationAuthorId === subject.userId;
}

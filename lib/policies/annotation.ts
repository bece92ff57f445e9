import { can, type TeamSubject } from "./team.ts";

/** Whether the subject may edit or delete an annotation: its author only, with the right to annotate. */
export function canChangeOwnAnnotation(
  subject: TeamSubject & { userId: string },
  annotation: { authorId: string },
): boolean {
  return can(subject, "annotation.create") && annotation.authorId === subject.userId;
}

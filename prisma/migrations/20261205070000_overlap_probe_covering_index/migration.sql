-- The overlap probes (the open disagreements' candidate search, the queue's "in disagreement"
-- flag and filter: lib/moderation/list-disagreements.ts, find-disagreements.ts) read only these
-- columns of an article's annotations around a span. Carried in the index, each probe is an
-- index-only scan instead of a heap visit per annotation passed over (at a million annotations
-- the disagreements' candidate query went from ~27,700 buffer reads to ~3,100). Prisma's schema
-- cannot express INCLUDE; schema.prisma keeps @@index([articleId, start]) under the same name.
DROP INDEX "Annotation_articleId_start_idx";
CREATE INDEX "Annotation_articleId_start_idx" ON "Annotation"("articleId", "start")
  INCLUDE ("end", "id", "authorId", "label", "status", "orphaned", "deletedAt");

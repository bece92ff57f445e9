-- Blind annotation rounds (issue 17, docs/MODERATION.md): rounds, their assignments, and the
-- round each annotation was made in.
-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('OPEN', 'REVEALED', 'CLOSED');

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "roundId" UUID;

-- CreateTable
CREATE TABLE "Round" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "teamId" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "revealedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundAssignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "roundId" UUID NOT NULL,
    "annotatorId" UUID NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Round_articleId_createdAt_idx" ON "Round"("articleId", "createdAt");

-- CreateIndex
CREATE INDEX "Round_teamId_createdAt_idx" ON "Round"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "RoundAssignment_annotatorId_idx" ON "RoundAssignment"("annotatorId");

-- CreateIndex
CREATE UNIQUE INDEX "RoundAssignment_roundId_annotatorId_key" ON "RoundAssignment"("roundId", "annotatorId");

-- CreateIndex
CREATE INDEX "Annotation_roundId_idx" ON "Annotation"("roundId");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundAssignment" ADD CONSTRAINT "RoundAssignment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundAssignment" ADD CONSTRAINT "RoundAssignment_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (issue 17): at most one open blind round per article, so two moderators starting
-- rounds at once cannot both succeed (the second gets 409).
CREATE UNIQUE INDEX "Round_one_open_per_article" ON "Round"("articleId") WHERE "status" = 'OPEN';

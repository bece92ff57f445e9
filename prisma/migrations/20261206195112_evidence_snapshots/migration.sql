-- CreateEnum
CREATE TYPE "SnapshotState" AS ENUM ('ARCHIVING', 'ARCHIVED', 'FAILED');

-- CreateEnum
CREATE TYPE "LinkCheckStatus" AS ENUM ('OK', 'REDIRECTED', 'GONE', 'ERROR');

-- CreateTable
CREATE TABLE "EvidenceSnapshot" (
    "evidenceId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "state" "SnapshotState" NOT NULL DEFAULT 'ARCHIVING',
    "failureReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3),
    "sha256" TEXT,
    "httpStatus" INTEGER,
    "finalUrl" TEXT,
    "contentType" TEXT,
    "byteLength" INTEGER,
    "fetchedAt" TIMESTAMPTZ(3),
    "title" TEXT,
    "text" TEXT,
    "textSha256" TEXT,
    "publicArchiveUrl" TEXT,
    "checkRequestedAt" TIMESTAMPTZ(3),
    "checkQueuedAt" TIMESTAMPTZ(3),
    "checkedAt" TIMESTAMPTZ(3),
    "checkStatus" "LinkCheckStatus",
    "checkHttpStatus" INTEGER,
    "checkFinalUrl" TEXT,
    "checkReason" TEXT,
    "contentChanged" BOOLEAN NOT NULL DEFAULT false,
    "changeDiff" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EvidenceSnapshot_pkey" PRIMARY KEY ("evidenceId")
);

-- CreateTable
CREATE TABLE "TeamEvidenceSettings" (
    "teamId" UUID NOT NULL,
    "linkCheckIntervalDays" INTEGER DEFAULT 7,
    "articleRecheckIntervalDays" INTEGER,
    "lastArticleRecheckAt" TIMESTAMPTZ(3),
    "waybackSave" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TeamEvidenceSettings_pkey" PRIMARY KEY ("teamId")
);

-- CreateIndex
CREATE INDEX "EvidenceSnapshot_teamId_idx" ON "EvidenceSnapshot"("teamId");

-- CreateIndex
CREATE INDEX "EvidenceSnapshot_state_queuedAt_idx" ON "EvidenceSnapshot"("state", "queuedAt");

-- CreateIndex
CREATE INDEX "EvidenceSnapshot_checkRequestedAt_idx" ON "EvidenceSnapshot"("checkRequestedAt");

-- AddForeignKey
ALTER TABLE "EvidenceSnapshot" ADD CONSTRAINT "EvidenceSnapshot_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceSnapshot" ADD CONSTRAINT "EvidenceSnapshot_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamEvidenceSettings" ADD CONSTRAINT "TeamEvidenceSettings_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateTable
CREATE TABLE "RatingScaleItem" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "teamId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "value" INTEGER,
    "colour" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RatingScaleItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verdict" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "teamId" UUID NOT NULL,
    "annotationId" UUID NOT NULL,
    "ratingId" UUID NOT NULL,
    "conclusion" TEXT NOT NULL,
    "evidenceIds" UUID[],
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Verdict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamPublicProfile" (
    "teamId" UUID NOT NULL,
    "organizationName" TEXT,
    "organizationUrl" TEXT,
    "showCredits" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TeamPublicProfile_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "teamId" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "publicId" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "publishedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RatingScaleItem_teamId_position_idx" ON "RatingScaleItem"("teamId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Verdict_annotationId_key" ON "Verdict"("annotationId");

-- CreateIndex
CREATE INDEX "Verdict_teamId_updatedAt_idx" ON "Verdict"("teamId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_articleId_key" ON "Publication"("articleId");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_publicId_key" ON "Publication"("publicId");

-- CreateIndex
CREATE INDEX "Publication_teamId_idx" ON "Publication"("teamId");

-- AddForeignKey
ALTER TABLE "RatingScaleItem" ADD CONSTRAINT "RatingScaleItem_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "RatingScaleItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamPublicProfile" ADD CONSTRAINT "TeamPublicProfile_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill (by hand): every existing team gets the default rating scale
-- (lib/verdicts/rating-scale.ts DEFAULT_RATING_SCALE; teams created later get it lazily).
INSERT INTO "RatingScaleItem" ("teamId", "label", "value", "colour", "position", "updatedAt")
SELECT t."id", s.label, s.value, s.colour, s.position, CURRENT_TIMESTAMP
FROM "Team" t
CROSS JOIN (VALUES
    ('True', 5, '#1a7f37', 0),
    ('Mostly true', 4, '#57a33b', 1),
    ('Half true', 3, '#b08800', 2),
    ('Mostly false', 2, '#d4621a', 3),
    ('False', 1, '#c62828', 4),
    ('Unverifiable', NULL, '#6b7280', 5)
) AS s(label, value, colour, position);

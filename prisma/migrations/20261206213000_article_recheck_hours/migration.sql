-- Scheduled source re-checks of URL-imported articles (issue 15): an interval in hours (publishers
-- edit soonest after publishing) and a window of days after import, instead of every N days for
-- every article. Existing choices are kept: N days becomes N * 24 hours over a 30-day window.
ALTER TABLE "TeamEvidenceSettings" ADD COLUMN "articleRecheckIntervalHours" INTEGER;
ALTER TABLE "TeamEvidenceSettings" ADD COLUMN "articleRecheckWindowDays" INTEGER NOT NULL DEFAULT 7;
UPDATE "TeamEvidenceSettings"
   SET "articleRecheckIntervalHours" = LEAST("articleRecheckIntervalDays" * 24, 720),
       "articleRecheckWindowDays" = 30
 WHERE "articleRecheckIntervalDays" IS NOT NULL;
ALTER TABLE "TeamEvidenceSettings" DROP COLUMN "articleRecheckIntervalDays";

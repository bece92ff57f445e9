-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ArticleFormat" ADD VALUE 'URL';
ALTER TYPE "ArticleFormat" ADD VALUE 'PDF';

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "fetchedUrl" TEXT,
ADD COLUMN     "searchConfig" regconfig NOT NULL DEFAULT 'english'::regconfig,
ADD COLUMN     "sourceFetchedAt" TIMESTAMPTZ(3),
ADD COLUMN     "sourceHash" TEXT;

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "orphanReason" TEXT;


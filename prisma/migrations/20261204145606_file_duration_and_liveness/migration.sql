-- A video's length belongs to its file, read from the file at upload (docs/decisions/013).
-- AlterTable
ALTER TABLE "StoredFile" ADD COLUMN     "durationSeconds" INTEGER,
ADD COLUMN     "touchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Lengths already known (reported by players before this change, within VIDEO_RULES' bounds) stay.
UPDATE "StoredFile" f SET "durationSeconds" = l."durationSeconds"
FROM "Lesson" l WHERE l."fileId" = f."id" AND l."durationSeconds" IS NOT NULL;
UPDATE "StoredFile" SET "touchedAt" = "createdAt";

-- AlterTable
ALTER TABLE "Lesson" DROP COLUMN "durationSeconds";

-- DropIndex
DROP INDEX "StoredFile_state_createdAt_idx";

-- CreateIndex
CREATE INDEX "StoredFile_state_touchedAt_idx" ON "StoredFile"("state", "touchedAt");

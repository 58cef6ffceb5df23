-- AlterTable
ALTER TABLE "QuestionVersion" ADD COLUMN     "generalFeedbackFormat" TEXT;

-- CreateTable
CREATE TABLE "QuestionImport" (
    "id" UUID NOT NULL,
    "bankId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuestionImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuestionImport_bankId_idx" ON "QuestionImport"("bankId");

-- CreateIndex
CREATE INDEX "QuestionImport_createdAt_idx" ON "QuestionImport"("createdAt");

-- AddForeignKey
ALTER TABLE "QuestionImport" ADD CONSTRAINT "QuestionImport_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "QuestionBank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

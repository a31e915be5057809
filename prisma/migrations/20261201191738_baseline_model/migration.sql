-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "baselineFor" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_baselineFor_key" ON "ModelVersion"("baselineFor");

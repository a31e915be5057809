-- AlterTable
ALTER TABLE "Sample" ADD COLUMN     "frameIndex" INTEGER,
ADD COLUMN     "videoName" TEXT;

-- CreateIndex
CREATE INDEX "Sample_projectId_videoName_idx" ON "Sample"("projectId", "videoName");

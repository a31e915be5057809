-- Mask exports as worker jobs: one row per requested export, its file kept in blob storage until it expires.

-- CreateEnum
CREATE TYPE "MaskExportFormat" AS ENUM ('png', 'coco', 'label-studio');

-- CreateEnum
CREATE TYPE "MaskExportStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'expired');

-- CreateTable
CREATE TABLE "MaskExport" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "format" "MaskExportFormat" NOT NULL,
    "reference" BOOLEAN NOT NULL DEFAULT false,
    "status" "MaskExportStatus" NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "maskCount" INTEGER,
    "bytes" INTEGER,
    "blobKey" TEXT,
    "fileName" TEXT,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "MaskExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MaskExport_projectId_createdAt_idx" ON "MaskExport"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "MaskExport_status_createdAt_idx" ON "MaskExport"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MaskExport_blobKey_idx" ON "MaskExport"("blobKey");

-- AddForeignKey
ALTER TABLE "MaskExport" ADD CONSTRAINT "MaskExport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaskExport" ADD CONSTRAINT "MaskExport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

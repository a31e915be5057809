-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'reviewer', 'annotator');

-- CreateEnum
CREATE TYPE "Label" AS ENUM ('real', 'fake');

-- CreateEnum
CREATE TYPE "Split" AS ENUM ('train', 'val', 'test');

-- CreateEnum
CREATE TYPE "Novelty" AS ENUM ('seen', 'unseen');

-- CreateEnum
CREATE TYPE "Strategy" AS ENUM ('margin', 'entropy', 'attention', 'bald', 'random');

-- CreateEnum
CREATE TYPE "PromotionMetric" AS ENUM ('unseen_accuracy', 'unseen_auc', 'seen_accuracy', 'seen_auc');

-- CreateEnum
CREATE TYPE "MaskSource" AS ENUM ('human', 'import', 'oracle', 'prefill');

-- CreateEnum
CREATE TYPE "MaskEncoding" AS ENUM ('png', 'rle');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('pending', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('queued', 'leased', 'submitted', 'skipped', 'expired', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('pending', 'scoring', 'selecting', 'annotating', 'training', 'evaluating', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "RoundTrigger" AS ENUM ('manual', 'schedule', 'auto');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('training', 'evaluating', 'ready', 'failed');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'annotator',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "imageSize" INTEGER NOT NULL DEFAULT 128,
    "strategy" "Strategy" NOT NULL DEFAULT 'margin',
    "diversityWeight" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "roundBudgetFraction" DOUBLE PRECISION NOT NULL DEFAULT 0.005,
    "totalBudgetFraction" DOUBLE PRECISION NOT NULL DEFAULT 0.03,
    "retrainSchedule" TEXT,
    "schedulePaused" BOOLEAN NOT NULL DEFAULT false,
    "promotionMetric" "PromotionMetric" NOT NULL DEFAULT 'unseen_accuracy',
    "leaseTtlSeconds" INTEGER NOT NULL DEFAULT 900,
    "promotedModelId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectMember" (
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectMember_pkey" PRIMARY KEY ("projectId","userId")
);

-- CreateTable
CREATE TABLE "Sample" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "label" "Label" NOT NULL,
    "manipulation" TEXT,
    "split" "Split" NOT NULL,
    "novelty" "Novelty" NOT NULL DEFAULT 'seen',
    "sourceName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mask" (
    "id" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "authorId" TEXT,
    "taskId" TEXT,
    "source" "MaskSource" NOT NULL,
    "encoding" "MaskEncoding" NOT NULL,
    "data" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "area" INTEGER NOT NULL,
    "reference" BOOLEAN NOT NULL DEFAULT false,
    "noForgery" BOOLEAN NOT NULL DEFAULT false,
    "clientId" TEXT,
    "review" "ReviewStatus" NOT NULL DEFAULT 'pending',
    "reviewerId" TEXT,
    "reviewNote" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnotationTask" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'queued',
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "assigneeId" TEXT,
    "leaseHolderId" TEXT,
    "leaseToken" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "scoreId" TEXT,
    "skipReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "AnnotationTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Draft" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "encoding" "MaskEncoding" NOT NULL,
    "data" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Round" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'pending',
    "trigger" "RoundTrigger" NOT NULL DEFAULT 'manual',
    "strategy" "Strategy" NOT NULL,
    "budget" INTEGER NOT NULL,
    "progress" JSONB,
    "error" TEXT,
    "modelInId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "roundId" TEXT,
    "parentId" TEXT,
    "status" "ModelStatus" NOT NULL DEFAULT 'training',
    "config" JSONB NOT NULL,
    "backend" TEXT NOT NULL,
    "dataSummary" JSONB,
    "metrics" JSONB,
    "error" TEXT,
    "trainingMs" INTEGER,
    "promotedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelArtifact" (
    "modelVersionId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelArtifact_pkey" PRIMARY KEY ("modelVersionId")
);

-- CreateTable
CREATE TABLE "Score" (
    "id" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "pFake" DOUBLE PRECISION NOT NULL,
    "margin" DOUBLE PRECISION NOT NULL,
    "entropy" DOUBLE PRECISION NOT NULL,
    "attentionDispersion" DOUBLE PRECISION NOT NULL,
    "bald" DOUBLE PRECISION,
    "attention" BYTEA,
    "attentionSize" INTEGER,
    "embedding" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "projectId" TEXT,
    "targetType" TEXT,
    "targetId" TEXT,
    "data" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Project_promotedModelId_key" ON "Project"("promotedModelId");

-- CreateIndex
CREATE INDEX "ProjectMember_userId_idx" ON "ProjectMember"("userId");

-- CreateIndex
CREATE INDEX "Sample_projectId_split_label_novelty_idx" ON "Sample"("projectId", "split", "label", "novelty");

-- CreateIndex
CREATE INDEX "Sample_projectId_manipulation_idx" ON "Sample"("projectId", "manipulation");

-- CreateIndex
CREATE UNIQUE INDEX "Sample_projectId_contentHash_key" ON "Sample"("projectId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Mask_clientId_key" ON "Mask"("clientId");

-- CreateIndex
CREATE INDEX "Mask_sampleId_reference_review_idx" ON "Mask"("sampleId", "reference", "review");

-- CreateIndex
CREATE INDEX "Mask_authorId_createdAt_idx" ON "Mask"("authorId", "createdAt");

-- CreateIndex
CREATE INDEX "Mask_taskId_idx" ON "Mask"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "Mask_sampleId_version_key" ON "Mask"("sampleId", "version");

-- CreateIndex
CREATE INDEX "AnnotationTask_projectId_status_priority_idx" ON "AnnotationTask"("projectId", "status", "priority" DESC);

-- CreateIndex
CREATE INDEX "AnnotationTask_leaseHolderId_status_idx" ON "AnnotationTask"("leaseHolderId", "status");

-- CreateIndex
CREATE INDEX "AnnotationTask_status_leaseExpiresAt_idx" ON "AnnotationTask"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "AnnotationTask_sampleId_idx" ON "AnnotationTask"("sampleId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnotationTask_roundId_sampleId_key" ON "AnnotationTask"("roundId", "sampleId");

-- CreateIndex
CREATE INDEX "Draft_userId_idx" ON "Draft"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Draft_taskId_userId_key" ON "Draft"("taskId", "userId");

-- CreateIndex
CREATE INDEX "Round_projectId_status_idx" ON "Round"("projectId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Round_projectId_number_key" ON "Round"("projectId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_roundId_key" ON "ModelVersion"("roundId");

-- CreateIndex
CREATE INDEX "ModelVersion_projectId_createdAt_idx" ON "ModelVersion"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Score_sampleId_idx" ON "Score"("sampleId");

-- CreateIndex
CREATE INDEX "Score_modelVersionId_margin_idx" ON "Score"("modelVersionId", "margin" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Score_modelVersionId_sampleId_key" ON "Score"("modelVersionId", "sampleId");

-- CreateIndex
CREATE INDEX "AuditEvent_projectId_at_idx" ON "AuditEvent"("projectId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_promotedModelId_fkey" FOREIGN KEY ("promotedModelId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMember" ADD CONSTRAINT "ProjectMember_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMember" ADD CONSTRAINT "ProjectMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mask" ADD CONSTRAINT "Mask_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mask" ADD CONSTRAINT "Mask_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mask" ADD CONSTRAINT "Mask_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mask" ADD CONSTRAINT "Mask_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "AnnotationTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTask" ADD CONSTRAINT "AnnotationTask_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTask" ADD CONSTRAINT "AnnotationTask_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTask" ADD CONSTRAINT "AnnotationTask_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTask" ADD CONSTRAINT "AnnotationTask_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "Score"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTask" ADD CONSTRAINT "AnnotationTask_leaseHolderId_fkey" FOREIGN KEY ("leaseHolderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTask" ADD CONSTRAINT "AnnotationTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Draft" ADD CONSTRAINT "Draft_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "AnnotationTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Draft" ADD CONSTRAINT "Draft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_modelInId_fkey" FOREIGN KEY ("modelInId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelArtifact" ADD CONSTRAINT "ModelArtifact_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AuditEvent is append-only: history cannot be edited or erased, not even by the application.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

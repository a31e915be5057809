-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "modelConfig" JSONB NOT NULL DEFAULT '{}';

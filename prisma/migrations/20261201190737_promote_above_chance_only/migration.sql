-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "promoteAboveChanceOnly" BOOLEAN NOT NULL DEFAULT true;

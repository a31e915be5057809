-- AlterEnum
ALTER TYPE "ReviewStatus" ADD VALUE 'corrected';

-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "history" BYTEA;

-- Data: rounds closed before closing withdrew tasks may still offer some; withdraw them as closing now does.
UPDATE "AnnotationTask" t
   SET status = 'expired', "leaseHolderId" = NULL, "leaseToken" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
  FROM "Round" r
 WHERE r.id = t."roundId" AND r.status <> 'annotating' AND t.status IN ('queued', 'leased');

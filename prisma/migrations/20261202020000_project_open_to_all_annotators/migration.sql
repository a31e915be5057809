-- A project is closed to non-members unless an admin opens it to all annotators.
ALTER TABLE "Project" ADD COLUMN "openToAllAnnotators" BOOLEAN NOT NULL DEFAULT false;

-- Before this column, a project without members was open to everyone: keep that for existing projects.
UPDATE "Project" SET "openToAllAnnotators" = true
WHERE NOT EXISTS (SELECT 1 FROM "ProjectMember" m WHERE m."projectId" = "Project"."id");

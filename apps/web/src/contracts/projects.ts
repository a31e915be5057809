import { z } from 'zod';
import { createProjectSchema, updateProjectSchema } from '@lae-studio/db/schemas';
import { defineContract, id, noBody, timestamp } from './define-contract';

// /api/admin/projects and /api/admin/projects/[projectId]: projects and their settings.

/** A project row: what clients read of it (the handler sends the whole row). */
export const projectSchema = z.looseObject({
  id,
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  imageSize: z.number(),
  strategy: z.string(),
  retrainSchedule: z.string().nullable(),
  schedulePaused: z.boolean(),
  promotedModelId: z.string().nullable(),
  createdAt: timestamp,
});

export const listProjects = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({ projects: z.array(projectSchema.extend({ sampleCount: z.number(), roundCount: z.number(), modelCount: z.number() })) }),
});

export const createProject = defineContract({ method: 'POST', request: createProjectSchema, response: z.object({ project: projectSchema }) });

export const getProject = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({
    project: projectSchema,
    overview: z.object({
      samples: z.object({ total: z.number(), groups: z.array(z.object({ split: z.string(), label: z.string(), manipulation: z.string().nullable(), novelty: z.string(), count: z.number() })) }),
      budget: z.object({ trainFakes: z.number(), masked: z.number(), open: z.number(), total: z.number(), nextRound: z.number(), maskedShare: z.number() }),
      tasksByStatus: z.record(z.string(), z.number()),
      masks: z.object({ total: z.number(), reference: z.number(), byReview: z.record(z.string(), z.number()) }),
    }),
  }),
});

/** Edit settings, or pause/resume the retrain schedule ({ schedulePaused }). */
export const updateProject = defineContract({ method: 'PATCH', request: updateProjectSchema, response: z.object({ project: projectSchema }) });

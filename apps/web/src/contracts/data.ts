import { z } from 'zod';
// The zod-only subpath: the package root pulls bullmq/ioredis, which cannot go into a browser bundle.
import { frameSampling, uploadContent } from '@lae-studio/queue/jobs';
import { defineContract, jobAccepted, noBody } from './define-contract';

// /api/admin/projects/[projectId]/data…: data jobs (generate; import of images, masks or videos). Exports: exports.ts.

const count = (max: number) => z.number().int().min(0).max(max);
const importPath = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'must be relative to the import root, without ".."');
const masksAs = z.enum(['training', 'reference']);
const seed = z.number().int().min(0).max(2 ** 31 - 1);

export const startDataJob = defineContract({
  method: 'POST',
  request: z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('generate'),
        preset: z.enum(['face-swap', 'attribute-edit', 'inpainting', 'all-families']),
        version: z.enum(['v1', 'v2']).default('v2'),
        seed: seed.default(1),
        size: z.number().int().min(32).max(1024),
        counts: z.object({ train: count(200_000), val: count(50_000), test: count(100_000) }).strict(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('import'),
        path: importPath,
        layout: z.enum(['folder', 'faceforensics']),
        masksAs: masksAs.default('reference'),
        seed: seed.default(0),
      })
      .strict(),
    z
      .object({
        kind: z.literal('import-masks'),
        path: importPath,
        format: z.enum(['coco', 'label-studio', 'png-folder']),
        masksAs: masksAs.default('training'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('import-videos'),
        path: importPath,
        layout: z.enum(['folder', 'faceforensics']),
        sampling: frameSampling,
        masksAs: masksAs.default('reference'),
        seed: seed.default(0),
      })
      .strict(),
    z
      .object({
        kind: z.literal('import-upload'),
        /** The tus upload's id, as its URL's last segment names it. */
        uploadId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be an upload id'),
        content: uploadContent,
        manipulation: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'may contain letters, digits, dots, dashes and underscores').optional(),
        sampling: frameSampling.default({ perVideo: 8 }),
        masksAs: masksAs.default('reference'),
        seed: seed.default(0),
      })
      .strict(),
  ]),
  response: jobAccepted,
});
/** A parsed data-job request (defaults applied), as the route enqueues it. */
export type StartDataJob = z.output<typeof startDataJob.request>;

/** A skipped file of an import, and why (a job's result keeps the first ones; `issues` is the exact count). */
const importIssue = z.object({ path: z.string(), code: z.string(), message: z.string() });

/**
 * A data job's state, the {done,total,percent,unit} progress the worker writes, and — once completed — its
 * result (what was added, already there, skipped), for the UI to poll. Result fields a job does not report are absent.
 */
export const dataJobStatus = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({
    id: z.string(),
    name: z.string(),
    state: z.string(),
    progress: z
      .object({ done: z.number().optional(), total: z.number().optional(), percent: z.number().optional(), detail: z.string().optional(), unit: z.enum(['images', 'masks', 'frames', 'files']).optional() })
      .nullable(),
    failedReason: z.string().nullable(),
    result: z
      .looseObject({ added: z.number().optional(), duplicates: z.number().optional(), issues: z.number().optional(), firstIssues: z.array(importIssue).optional() })
      .nullable(),
    projectId: z.string().nullable(),
  }),
});
export type DataJobStatus = z.output<typeof dataJobStatus.response>;

/** Ask the worker for a sample's attention map (scored with the project's explainer model), when no round scored it. */
export const explainSample = defineContract({
  method: 'POST',
  request: noBody,
  response: jobAccepted.extend({ model: z.string() }),
});

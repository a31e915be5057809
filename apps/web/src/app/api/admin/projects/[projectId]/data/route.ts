import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { frameSampling } from '@lae-studio/queue';
import { parseJson } from '@/server/http';
import { adminRoute, audit, findProject, notFound, parseIds } from '@/server/admin/api';
import { adminProducer } from '@/server/admin/producer';

export const dynamic = 'force-dynamic';

const count = (max: number) => z.number().int().min(0).max(max);
const importPath = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a path relative to the import root, without ".."');
const dataJobSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('generate'),
      preset: z.enum(['face-swap', 'attribute-edit', 'inpainting', 'all-families']),
      version: z.enum(['v1', 'v2']).default('v2'),
      seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
      size: z.number().int().min(32).max(1024),
      counts: z.object({ train: count(200_000), val: count(50_000), test: count(100_000) }).strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('import'),
      path: importPath,
      layout: z.enum(['folder', 'faceforensics']),
      masksAs: z.enum(['training', 'reference']).default('reference'),
      seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('import-masks'),
      path: importPath,
      format: z.enum(['coco', 'label-studio', 'png-folder']),
      masksAs: z.enum(['training', 'reference']).default('training'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('import-videos'),
      path: importPath,
      layout: z.enum(['folder', 'faceforensics']),
      sampling: frameSampling,
      masksAs: z.enum(['training', 'reference']).default('reference'),
      seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    })
    .strict(),
]);

/** The job a request starts, with the project and a fresh request id (a repeated click is a new import). */
function enqueue(projectId: string, requestId: string, job: z.infer<typeof dataJobSchema>): Promise<string> {
  const producer = adminProducer();
  switch (job.kind) {
    case 'generate':
      return producer.enqueue('generateData', { projectId, preset: job.preset, version: job.version, seed: job.seed, size: job.size, counts: job.counts, requestId });
    case 'import':
      return producer.enqueue('importData', { projectId, path: job.path, layout: job.layout, masksAs: job.masksAs, seed: job.seed, requestId });
    case 'import-masks':
      return producer.enqueue('importMasks', { projectId, path: job.path, format: job.format, masksAs: job.masksAs, requestId });
    case 'import-videos':
      return producer.enqueue('importVideos', { projectId, path: job.path, layout: job.layout, sampling: job.sampling, masksAs: job.masksAs, seed: job.seed, requestId });
  }
}

/** Start a data job (synthetic generation, or an import of images, masks or videos from a server path) in the worker; returns its job id to poll. */
export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    const project = ids && (await findProject(ids.projectId));
    if (!project) return notFound('No such project.');
    const body = await parseJson(req, dataJobSchema);
    if (body.error) return body.error;
    const requestId = randomUUID().replaceAll('-', '');
    const { kind, ...rest } = body.data;
    const jobId = await enqueue(project.id, requestId, body.data);
    await audit(req, user, { action: `data.${kind}`, projectId: project.id, targetType: 'job', targetId: jobId, data: rest });
    return NextResponse.json({ jobId }, { status: 202 });
  });
}

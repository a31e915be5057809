import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { parseJson } from '@/server/http';
import { adminRoute, audit, findProject, notFound, parseIds } from '@/server/admin/api';
import { getProducer } from '@/server/producer';

export const dynamic = 'force-dynamic';

const count = (max: number) => z.number().int().min(0).max(max);
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
      path: z
        .string()
        .trim()
        .min(1)
        .max(500)
        .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a path relative to the import root, without ".."'),
      layout: z.enum(['folder', 'faceforensics']),
      masksAs: z.enum(['training', 'reference']).default('reference'),
      seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    })
    .strict(),
]);

/** Start a data job (synthetic generation or a server-path import) in the worker; returns its job id to poll. */
export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    const project = ids && (await findProject(ids.projectId));
    if (!project) return notFound('No such project.');
    const body = await parseJson(req, dataJobSchema);
    if (body.error) return body.error;
    const requestId = randomUUID().replaceAll('-', '');
    const { kind, ...rest } = body.data;
    const jobId =
      body.data.kind === 'generate'
        ? await getProducer().enqueue('generateData', { projectId: project.id, preset: body.data.preset, version: body.data.version, seed: body.data.seed, size: body.data.size, counts: body.data.counts, requestId })
        : await getProducer().enqueue('importData', { projectId: project.id, path: body.data.path, layout: body.data.layout, masksAs: body.data.masksAs, seed: body.data.seed, requestId });
    await audit(req, user, { action: `data.${kind}`, projectId: project.id, targetType: 'job', targetId: jobId, data: rest });
    return NextResponse.json({ jobId }, { status: 202 });
  });
}

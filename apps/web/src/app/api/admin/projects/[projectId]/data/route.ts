import { randomUUID } from 'node:crypto';
import { startDataJob } from '@/contracts/data';
import { parseJson } from '@/server/http';
import { adminRoute, audit, notFound, projectOf, respond } from '@/server/admin/api';
import { getProducer } from '@/server/producer';

export const dynamic = 'force-dynamic';

/** Start a data job (synthetic generation or a server-path import) in the worker; returns its job id to poll. */
export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return adminRoute(async (user) => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    const body = await parseJson(req, startDataJob.request);
    if (body.error) return body.error;
    const requestId = randomUUID().replaceAll('-', '');
    const { kind, ...rest } = body.data;
    const jobId =
      body.data.kind === 'generate'
        ? await getProducer().enqueue('generateData', { projectId: project.id, preset: body.data.preset, version: body.data.version, seed: body.data.seed, size: body.data.size, counts: body.data.counts, requestId })
        : await getProducer().enqueue('importData', { projectId: project.id, path: body.data.path, layout: body.data.layout, masksAs: body.data.masksAs, seed: body.data.seed, requestId });
    await audit(req, user, { action: `data.${kind}`, projectId: project.id, targetType: 'job', targetId: jobId, data: rest });
    return respond(startDataJob, { jobId }, { status: 202 });
  });
}

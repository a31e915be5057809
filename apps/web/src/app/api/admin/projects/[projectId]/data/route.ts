import { randomUUID } from 'node:crypto';
import { startDataJob, type StartDataJob } from '@/contracts/data';
import { parseJson } from '@/server/http';
import { adminRoute, audit, notFound, projectOf, respond } from '@/server/admin/api';
import { getProducer } from '@/server/producer';

export const dynamic = 'force-dynamic';

/** The job a request starts, with the project and a fresh request id (a repeated click is a new import). */
function enqueue(projectId: string, requestId: string, job: StartDataJob): Promise<string> {
  const producer = getProducer();
  switch (job.kind) {
    case 'generate':
      return producer.enqueue('generateData', { projectId, preset: job.preset, version: job.version, seed: job.seed, size: job.size, counts: job.counts, requestId });
    case 'import':
      return producer.enqueue('importData', { projectId, path: job.path, layout: job.layout, masksAs: job.masksAs, seed: job.seed, requestId });
    case 'import-masks':
      return producer.enqueue('importMasks', { projectId, path: job.path, format: job.format, masksAs: job.masksAs, requestId });
    case 'import-videos':
      return producer.enqueue('importVideos', { projectId, path: job.path, layout: job.layout, sampling: job.sampling, masksAs: job.masksAs, seed: job.seed, requestId });
    case 'import-upload':
      return producer.enqueue('importUpload', {
        projectId,
        uploadId: job.uploadId,
        content: job.content,
        ...(job.manipulation ? { manipulation: job.manipulation } : {}),
        sampling: job.sampling,
        masksAs: job.masksAs,
        seed: job.seed,
        requestId,
      });
  }
}

/** Start a data job (synthetic generation, or an import of images, masks or videos from a server path) in the worker; returns its job id to poll. */
export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return adminRoute(async (user) => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    const body = await parseJson(req, startDataJob.request);
    if (body.error) return body.error;
    // An upload id starts with its project's id (the upload route names it so): no importing another project's file.
    if (body.data.kind === 'import-upload' && !body.data.uploadId.startsWith(`${project.id}-`)) return notFound('No such upload in this project.');
    const requestId = randomUUID().replaceAll('-', '');
    const { kind, ...rest } = body.data;
    const jobId = await enqueue(project.id, requestId, body.data);
    await audit(req, user, { action: `data.${kind}`, projectId: project.id, targetType: 'job', targetId: jobId, data: rest });
    return respond(startDataJob, { jobId }, { status: 202 });
  });
}

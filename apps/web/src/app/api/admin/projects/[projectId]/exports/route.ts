import { createMaskExport, getDb, listMaskExports } from '@lae-studio/db';
import * as contract from '@/contracts/exports';
import { parseJson } from '@/server/http';
import { adminRoute, audit, notFound, projectOf, respond } from '@/server/admin/api';
import { getProducer } from '@/server/producer';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ projectId: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return adminRoute(async () => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    const rows = await listMaskExports(getDb(), { projectId: project.id });
    return respond(contract.listExports, { exports: rows.map(contract.toMaskExportItem) }, { headers: { 'cache-control': 'no-store' } });
  });
}

/**
 * Queue an export. The row comes first and is the truth: when Redis refuses the job now, the worker's
 * reconciler enqueues it from the row within LAE_RECONCILE_SECONDS, so the request still succeeds.
 */
export async function POST(req: Request, { params }: Ctx) {
  return adminRoute(async (user) => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    const body = await parseJson(req, contract.startExport.request);
    if (body.error) return body.error;
    const row = await createMaskExport(getDb(), { projectId: project.id, format: body.data.format, reference: body.data.reference, createdById: user.id });
    await getProducer()
      .enqueue('exportMasks', { exportId: row.id })
      .catch((err: unknown) => console.warn(`export ${row.id}: enqueue failed, the reconciler will retry (${(err as Error).message})`));
    await audit(req, user, { action: 'project.export', projectId: project.id, targetType: 'export', targetId: row.id, data: body.data });
    return respond(contract.startExport, { exportId: row.id }, { status: 202 });
  });
}

import { getDb, getModelArtifact } from '@lae-studio/db';
import { adminRoute, audit, notFound, parseIds } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

/** Download the model's TensorFlow.js artifact as stored in Postgres. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string; modelId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such model version.');
    const a = await getModelArtifact(getDb(), { projectId: ids.projectId, modelVersionId: ids.modelId });
    await audit(req, user, { action: 'model.download', projectId: ids.projectId, targetType: 'model', targetId: ids.modelId });
    return new Response(a.bytes, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(a.bytes.byteLength),
        'content-disposition': `attachment; filename="${a.fileName}"`,
        'x-sha256': a.sha256,
        'cache-control': 'private, no-store',
      },
    });
  });
}

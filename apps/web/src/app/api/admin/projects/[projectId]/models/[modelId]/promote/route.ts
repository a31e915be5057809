import { promoteModel } from '@/contracts/models';
import { getDb, setPromotedModel } from '@lae-studio/db';
import { adminRoute, notFound, parseIds, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

/** Promote this model version (or roll back to it); setPromotedModel audits it. */
export async function POST(_req: Request, { params }: { params: Promise<{ projectId: string; modelId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such model version.');
    const result = await setPromotedModel(getDb(), { projectId: ids.projectId, modelVersionId: ids.modelId, actorId: user.id });
    return respond(promoteModel, result);
  });
}

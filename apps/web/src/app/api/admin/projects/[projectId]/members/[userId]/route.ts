import { getDb, removeProjectMember } from '@lae-studio/db';
import * as contract from '@/contracts/members';
import { parseJson } from '@/server/http';
import { adminRoute, notFound, parseIds, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ projectId: string; userId: string }> };

export async function DELETE(req: Request, { params }: Ctx) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such member.');
    // JSON only, like every mutation: a cross-site form post cannot remove anyone.
    const body = await parseJson(req, contract.removeMember.request);
    if (body.error) return body.error;
    return respond(contract.removeMember, await removeProjectMember(getDb(), { projectId: ids.projectId, userId: ids.userId, actorId: user.id }));
  });
}

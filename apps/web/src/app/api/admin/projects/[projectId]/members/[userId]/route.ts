import { getDb, removeProjectMember } from '@lae-studio/db';
import * as contract from '@/contracts/members';
import { adminRoute, notFound, parseIds, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ projectId: string; userId: string }> };

export async function DELETE(_req: Request, { params }: Ctx) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such member.');
    return respond(contract.removeMember, await removeProjectMember(getDb(), { projectId: ids.projectId, userId: ids.userId, actorId: user.id }));
  });
}

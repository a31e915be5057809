import { updateUser } from '@/contracts/users';
import { getDb, updatePerson } from '@lae-studio/db';
import { parseJson } from '@/server/http';
import { adminRoute, notFound, parseIds, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

/** Set a role or disable/enable; updatePerson keeps at least one active admin and audits the change. */
export async function PATCH(req: Request, { params }: { params: Promise<{ userId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such user.');
    const body = await parseJson(req, updateUser.request);
    if (body.error) return body.error;
    return respond(updateUser, { user: await updatePerson(getDb(), { userId: ids.userId, ...body.data, actorId: user.id }) });
  });
}

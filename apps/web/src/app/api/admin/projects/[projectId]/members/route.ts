import { addProjectMember, getDb, listProjectMembers } from '@lae-studio/db';
import * as contract from '@/contracts/members';
import { parseJson } from '@/server/http';
import { adminRoute, notFound, projectOf, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ projectId: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return adminRoute(async () => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    return respond(contract.listMembers, { members: await listProjectMembers(getDb(), { projectId: project.id }), openToAllAnnotators: project.openToAllAnnotators });
  });
}

export async function POST(req: Request, { params }: Ctx) {
  return adminRoute(async (user) => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    const body = await parseJson(req, contract.addMember.request);
    if (body.error) return body.error;
    const result = await addProjectMember(getDb(), { projectId: project.id, email: body.data.email, actorId: user.id });
    return respond(contract.addMember, result, { status: result.added ? 201 : 200 });
  });
}

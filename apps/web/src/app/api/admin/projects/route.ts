import { createProject, getDb, listProjects } from '@lae-studio/db';
import * as contract from '@/contracts/projects';
import { configOverrideProblems } from '@lae-studio/lae/config-overrides';
import { parseSchedule } from '@lae-studio/queue';
import { parseJson } from '@/server/http';
import { adminRoute, badRequest, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

export async function GET() {
  return adminRoute(async () => respond(contract.listProjects, { projects: await listProjects(getDb()) }));
}

/** Create a project (createProject writes the audit event). */
export async function POST(req: Request) {
  return adminRoute(async (user) => {
    const body = await parseJson(req, contract.createProject.request);
    if (body.error) return body.error;
    const modelProblems = configOverrideProblems(body.data.settings.modelConfig);
    if (modelProblems.length) return badRequest(`Model config: ${modelProblems.join('; ')}`);
    const schedule = body.data.settings.retrainSchedule;
    if (schedule) {
      try {
        parseSchedule(schedule);
      } catch (err) {
        return badRequest((err as Error).message);
      }
    }
    const project = await createProject(getDb(), { ...body.data, actorId: user.id });
    return respond(contract.createProject, { project }, { status: 201 });
  });
}

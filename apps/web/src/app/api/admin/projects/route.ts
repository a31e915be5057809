import { createProject, getDb, listProjects } from '@lae-studio/db';
import * as contract from '@/contracts/projects';
import { modelConfigErrors } from '@/contracts/model-config';
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
    const model = modelConfigErrors(body.data.settings.modelConfig);
    if (model) return badRequest(model.message, model.fields);
    const schedule = body.data.settings.retrainSchedule;
    if (schedule) {
      try {
        parseSchedule(schedule);
      } catch (err) {
        return badRequest(`Retrain schedule: ${(err as Error).message}`, { retrainSchedule: (err as Error).message });
      }
    }
    const project = await createProject(getDb(), { ...body.data, actorId: user.id });
    return respond(contract.createProject, { project }, { status: 201 });
  });
}

import { getDb, getProjectOverview, updateProjectSettings } from '@lae-studio/db';
import * as contract from '@/contracts/projects';
import { modelConfigErrors } from '@/contracts/model-config';
import { parseSchedule } from '@lae-studio/queue';
import { parseJson } from '@/server/http';
import { adminRoute, badRequest, notFound, parseIds, projectOf, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ projectId: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return adminRoute(async () => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    return respond(contract.getProject, { project, overview: await getProjectOverview(getDb(), { projectId: project.id }) });
  });
}

/** Edit settings, or pause/resume the retrain schedule ({ schedulePaused }). Audited old → new. */
export async function PATCH(req: Request, { params }: Ctx) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such project.');
    const body = await parseJson(req, contract.updateProject.request);
    if (body.error) return body.error;
    if (body.data.retrainSchedule) {
      try {
        parseSchedule(body.data.retrainSchedule);
      } catch (err) {
        return badRequest(`Retrain schedule: ${(err as Error).message}`, { retrainSchedule: (err as Error).message });
      }
    }
    const model = body.data.modelConfig === undefined ? null : modelConfigErrors(body.data.modelConfig);
    if (model) return badRequest(model.message, model.fields);
    if (body.data.roundBudgetFraction !== undefined && body.data.totalBudgetFraction !== undefined && body.data.roundBudgetFraction > body.data.totalBudgetFraction) {
      return badRequest('The per-round budget cannot exceed the total budget.', { roundBudgetFraction: 'Cannot exceed the total budget.' });
    }
    const project = await updateProjectSettings(getDb(), { projectId: ids.projectId, changes: body.data, actorId: user.id });
    return respond(contract.updateProject, { project });
  });
}

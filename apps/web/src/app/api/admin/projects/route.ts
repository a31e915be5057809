import { NextResponse } from 'next/server';
import { createProject, createProjectSchema, getDb, listProjects } from '@lae-studio/db';
import { configOverrideProblems } from '@lae-studio/lae/config-overrides';
import { parseSchedule } from '@lae-studio/queue';
import { parseJson } from '@/server/http';
import { adminRoute, badRequest } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

export async function GET() {
  return adminRoute(async () => NextResponse.json({ projects: await listProjects(getDb()) }));
}

/** Create a project (createProject writes the audit event). */
export async function POST(req: Request) {
  return adminRoute(async (user) => {
    const body = await parseJson(req, createProjectSchema);
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
    const project = await createProject(getDb(), body.data, user.id);
    return NextResponse.json({ project }, { status: 201 });
  });
}

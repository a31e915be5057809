import { NextResponse } from 'next/server';
import { createProject, createProjectSchema, getDb, listProjects } from '@lae-studio/db';
import { domainErrorResponse, parseJson } from '@/server/http';
import { requireApiUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { error } = await requireApiUser('admin');
  if (error) return error;
  return NextResponse.json({ projects: await listProjects(getDb()) });
}

export async function POST(req: Request) {
  const { user, error } = await requireApiUser('admin');
  if (error) return error;
  const body = await parseJson(req, createProjectSchema);
  if (body.error) return body.error;
  try {
    const project = await createProject(getDb(), body.data, user.id);
    return NextResponse.json({ project }, { status: 201 });
  } catch (err) {
    return domainErrorResponse(err);
  }
}

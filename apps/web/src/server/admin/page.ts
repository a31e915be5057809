import 'server-only';
import { notFound } from 'next/navigation';
import { findProject, getDb } from '@lae-studio/db';
import { requirePageUser } from '@/server/session';
import { idSchema } from './api';

/** Every project page: admin only (sign-in / 403 otherwise), then the project or a 404. */
export async function adminProjectPage(params: Promise<{ projectId: string }>, sub = '') {
  const { projectId } = await params;
  const user = await requirePageUser('admin', `/admin/projects/${encodeURIComponent(projectId)}${sub}`);
  if (!idSchema.safeParse(projectId).success) notFound();
  const project = await findProject(getDb(), { projectId });
  if (!project) notFound();
  return { user, project };
}

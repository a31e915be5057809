import { NextResponse } from 'next/server';
import { adminRoute, findProject, idSchema, notFound } from '@/server/admin/api';
import { uploadServer } from '@/server/uploads';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ projectId: string; upload?: string[] }> };

/**
 * The tus protocol (POST creates, PATCH appends, HEAD says how much arrived, DELETE abandons) for browser
 * uploads into one project. Admins only; an upload id must belong to the project in the URL.
 */
async function tus(req: Request, { params }: Params): Promise<Response> {
  return adminRoute(async () => {
    const { projectId, upload } = await params;
    if (!idSchema.safeParse(projectId).success) return notFound('No such project.');
    const project = await findProject(projectId);
    if (!project) return notFound('No such project.');
    if (upload && (upload.length !== 1 || !upload[0]!.startsWith(`${project.id}-`))) return notFound('No such upload in this project.');
    if (!upload && req.method !== 'POST' && req.method !== 'OPTIONS') return notFound('Name an upload.');
    const server = uploadServer();
    if (!server) return NextResponse.json({ error: 'unavailable', message: 'Browser uploads need the local storage driver (STORAGE_DRIVER=local); with S3, import from a server path.' }, { status: 501 });
    return server.handleWeb(req);
  });
}

export { tus as POST, tus as PATCH, tus as HEAD, tus as DELETE, tus as OPTIONS };

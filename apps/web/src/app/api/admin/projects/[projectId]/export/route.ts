import { zipSync } from 'fflate';
import { exportProjectMasks } from '@lae-studio/project-data';
import { getDb } from '@lae-studio/db';
import { z } from 'zod';
import { exportMasks } from '@/contracts/data';
import { adminRoute, audit, badRequest, notFound, projectOf } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

/** Masks as a zip of PNGs (+ manifest) or as COCO JSON (RLE), ?format=png|coco[&reference=1]. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return adminRoute(async (user) => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    const query = exportMasks.request.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!query.success) return badRequest(z.prettifyError(query.error));
    const { format } = query.data;
    const reference = query.data.reference === '1';
    const { files, masks } = await exportProjectMasks(getDb(), { projectId: project.id, format, reference });
    await audit(req, user, { action: 'project.export', projectId: project.id, targetType: 'project', targetId: project.id, data: { format, reference, masks } });
    const base = `${project.slug}-masks${reference ? '-reference' : ''}`;
    const body = format === 'png' ? zipSync(Object.fromEntries(files.map((f) => [f.path, f.bytes])), { level: 0 }) : files[0]!.bytes;
    return new Response(body as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': format === 'png' ? 'application/zip' : 'application/json',
        'content-disposition': `attachment; filename="${base}.${format === 'png' ? 'zip' : 'coco.json'}"`,
        'x-mask-count': String(masks),
        'cache-control': 'private, no-store',
      },
    });
  });
}

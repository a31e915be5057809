import { Readable } from 'node:stream';
import { NextResponse } from 'next/server';
import { StorageError } from '@lae-studio/datasets';
import { getDb, getMaskExport } from '@lae-studio/db';
import { EXPORT_CONTENT_TYPES } from '@lae-studio/project-data';
import { adminRoute, audit, notFound, parseIds } from '@/server/admin/api';
// The one blob store (images and export files alike), configured by STORAGE_DRIVER / STORAGE_DIR / S3_*.
import { imageStorage } from '@/app/api/samples/_lib/storage';

export const dynamic = 'force-dynamic';

const gone = (message: string) => NextResponse.json({ error: 'gone', message }, { status: 410 });

/** A completed export's file, streamed from storage (never read whole into memory); 409 before it is ready, 410 once expired. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string; exportId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such export.');
    const row = await getMaskExport(getDb(), { projectId: ids.projectId, exportId: ids.exportId });
    if (row.status === 'expired') return gone('This export has expired: start a new one.');
    if (row.status !== 'completed' || !row.blobKey || !row.fileName) {
      const message = row.status === 'failed' ? `This export failed: ${row.error ?? 'no reason given'}` : 'This export is not ready yet.';
      return NextResponse.json({ error: 'conflict', message, status: row.status }, { status: 409 });
    }
    let file: Readable;
    try {
      file = await imageStorage().stream(row.blobKey);
    } catch (err) {
      if (err instanceof StorageError && err.code === 'not-found') return gone('The export file is no longer in storage: start a new export.');
      throw err;
    }
    await audit(req, user, { action: 'project.export.download', projectId: row.projectId, targetType: 'export', targetId: row.id });
    return new Response(Readable.toWeb(file) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': EXPORT_CONTENT_TYPES[row.format],
        ...(row.bytes !== null ? { 'content-length': String(row.bytes) } : {}),
        'content-disposition': `attachment; filename="${row.fileName}"`,
        'x-mask-count': String(row.maskCount ?? 0),
        'cache-control': 'private, no-store',
      },
    });
  });
}

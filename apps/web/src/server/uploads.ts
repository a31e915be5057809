import 'server-only';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import { IMAGE_EXTENSIONS, uploadsDir, VIDEO_EXTENSIONS } from '@lae-studio/datasets';
import { webEnv } from '@/env';

/** An upload unfinished this long is removed by tus's cleanup (a finished one is removed by its import). */
const UNFINISHED_TTL_MS = 7 * 86_400_000;
export const UPLOAD_EXTENSIONS = ['.zip', ...IMAGE_EXTENSIONS, ...VIDEO_EXTENSIONS];

/** `/api/admin/projects/<projectId>/uploads[/<uploadId>]` */
const UPLOAD_URL = /\/api\/admin\/projects\/([A-Za-z0-9_]+)\/uploads(?:\/([A-Za-z0-9_-]+))?\/?$/;

class UploadRefused extends Error {
  constructor(readonly body: string) {
    super(body);
  }
  readonly status_code = 400;
}

let server: Server | null | undefined;

/**
 * The tus server (resumable uploads, @tus/server) writing into the uploads folder the worker reads. Upload ids
 * are `<projectId>-<random>`, so the route can check an upload belongs to the project in its URL, and URLs
 * are built per project. Null with S3 storage (no shared folder).
 */
export function uploadServer(): Server | null {
  if (server !== undefined) return server;
  const dir = uploadsDir();
  server = dir
    ? new Server({
        path: '/api/admin/projects', // unused: URLs are built and read per project by the two functions below
        datastore: new FileStore({ directory: dir, expirationPeriodInMilliseconds: UNFINISHED_TTL_MS }),
        maxSize: Math.round(webEnv().LAE_UPLOAD_MAX_GB * 1024 ** 3),
        namingFunction: (req) => `${UPLOAD_URL.exec(new URL(req.url).pathname)?.[1] ?? 'none'}-${randomBytes(16).toString('hex')}`,
        generateUrl: (_req, { id }) => `/api/admin/projects/${id.slice(0, id.lastIndexOf('-'))}/uploads/${id}`,
        getFileIdFromRequest: (req) => UPLOAD_URL.exec(new URL(req.url).pathname)?.[2],
        onUploadCreate: async (_req, upload) => {
          const name = upload.metadata?.filename;
          if (!name) throw new UploadRefused('The upload has no file name (tus metadata "filename").');
          if (name.length > 255) throw new UploadRefused('The file name is longer than 255 characters.');
          if (!UPLOAD_EXTENSIONS.includes(path.extname(name).toLowerCase())) throw new UploadRefused(`${name}: upload a .zip, an image (${IMAGE_EXTENSIONS.join(', ')}) or a video (${VIDEO_EXTENSIONS.join(', ')}).`);
          return {};
        },
      })
    : null;
  return server;
}

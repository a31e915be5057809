import { importVideos, type BlobStorage, type VideoImportOptions } from '@lae-studio/datasets';
import { hasVideoFrame, type Db } from '@lae-studio/db';
import { projectSink, type ImportedMaskRole } from './db-sink.ts';

/**
 * Videos (folder or FaceForensics++ layout) sampled into a project's samples, with the video and frame
 * index on each; frames already stored (by video and index, or by content) are skipped, so a retry adds nothing.
 */
export function importVideosIntoProject(db: Db, storage: BlobStorage, root: string, opts: Omit<VideoImportOptions, 'hasFrame'> & { projectId: string; masksAs: ImportedMaskRole }) {
  const { projectId, masksAs, ...options } = opts;
  return importVideos(root, projectSink(db, storage, { projectId, masksAs }), {
    ...options,
    hasFrame: (videoName, frameIndex) => hasVideoFrame(db, { projectId, videoName, frameIndex }),
  });
}

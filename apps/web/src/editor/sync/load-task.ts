import type { z } from 'zod';
import type { draftGetResponse } from '@/contracts/tasks';
import type { Fetch, TaskDto } from './api';
import { taskApi, TransientError } from './api';

export interface LoadedTask {
  task: TaskDto;
  image: HTMLImageElement;
  draft: z.infer<typeof draftGetResponse>['draft'];
  attention: { values: Float32Array; size: number } | null;
}

/** `status` 0 is a network failure (worth trying again); a 4xx says why the task does not open. */
export type LoadResult = { ok: true; loaded: LoadedTask } | { ok: false; status: number; message: string };

/** Opens (leases or resumes) the task, then fetches its image, the user's draft and the model's attention in parallel. */
export async function loadTask(fetcher: Fetch, taskId: string): Promise<LoadResult> {
  const api = taskApi(fetcher);
  const opened = await api.open(taskId);
  if (opened.status !== 200) return { ok: false, status: opened.status, message: opened.body.message ?? `Could not open the task (${opened.status}).` };
  const { task } = opened.body;
  const [image, draft, attention] = await Promise.all([
    loadImage(`/api/samples/${task.sample.id}/image`),
    api.getDraft(taskId).then((a) => (a.status === 200 ? a.body.draft : null)),
    task.score?.attentionSize ? loadAttention(fetcher, task.sample.id, task.score.id) : Promise.resolve(null),
  ]);
  return { ok: true, loaded: { task, image, draft, attention } };
}

function loadImage(src: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = src;
  return img.decode().then(
    () => img,
    () => {
      throw new TransientError('The image could not be loaded.');
    },
  );
}

async function loadAttention(fetcher: Fetch, sampleId: string, scoreId: string): Promise<{ values: Float32Array; size: number } | null> {
  const res = await fetcher(`/api/samples/${sampleId}/attention?scoreId=${encodeURIComponent(scoreId)}`, { credentials: 'same-origin' }).catch(() => null);
  if (!res?.ok) return null; // the overlay is optional: the editor works without it
  const size = Number(res.headers.get('x-attention-size'));
  const bytes = await res.arrayBuffer();
  return size > 0 && bytes.byteLength === size * size * 4 ? { values: new Float32Array(bytes), size } : null;
}

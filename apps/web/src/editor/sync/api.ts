import type { CompressedRle } from '@lae-studio/masks';

// The editor's calls to /api/tasks/* and /api/samples/*. A network failure or a 5xx throws (callers retry);
// a 4xx is an answer and is returned.

export class TransientError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'TransientError';
  }
}

export interface Answer<T> {
  status: number;
  body: T & { error?: string; message?: string };
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function callJson<T>(fetcher: Fetch, path: string, method: string, body?: unknown): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetcher(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (err) {
    throw new TransientError(`Network error: ${(err as Error).message}`);
  }
  if (res.status >= 500) throw new TransientError(`Server error ${res.status}`, res.status);
  const parsed = (await res.json().catch(() => ({}))) as Answer<T>['body'];
  return { status: res.status, body: parsed };
}

export interface TaskDto {
  id: string;
  projectId: string;
  projectName: string;
  status: string;
  attempts: number;
  assigneeId: string | null;
  leaseToken: string | null;
  leaseExpiresAt: string | null;
  leaseTtlSeconds: number;
  sample: { id: string; width: number; height: number; label: string; manipulation: string | null };
  score: { id: string; pFake: number; attentionSize: number | null } | null;
  reviewNote: string | null;
}

export const taskApi = (fetcher: Fetch) => ({
  open: (taskId: string) => callJson<{ task: TaskDto }>(fetcher, `/api/tasks/${taskId}/lease`, 'POST', {}),
  next: (projectId: string) => callJson<{ task: TaskDto | null }>(fetcher, '/api/tasks/next', 'POST', { projectId }),
  heartbeat: (taskId: string, leaseToken: string) => callJson<{ leaseExpiresAt: string }>(fetcher, `/api/tasks/${taskId}/heartbeat`, 'POST', { leaseToken }),
  release: (taskId: string, leaseToken: string, skipReason?: string) =>
    callJson<{ status: string }>(fetcher, `/api/tasks/${taskId}/release`, 'POST', skipReason ? { leaseToken, skipReason } : { leaseToken }),
  getDraft: (taskId: string) => callJson<{ draft: { revision: number; mask: CompressedRle } | null }>(fetcher, `/api/tasks/${taskId}/draft`, 'GET'),
  saveDraft: (taskId: string, revision: number, mask: CompressedRle) => callJson<{ revision: number }>(fetcher, `/api/tasks/${taskId}/draft`, 'PUT', { revision, mask }),
  submit: (taskId: string, body: { leaseToken: string; clientId: string; noForgery: boolean; mask: CompressedRle }) =>
    callJson<{ mask: { id: string; version: number; area: number; bytes: number } }>(fetcher, `/api/tasks/${taskId}/submit`, 'POST', body),
});

export type TaskApi = ReturnType<typeof taskApi>;

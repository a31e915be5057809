import type { z } from 'zod';
import type { RlePayload } from '@/contracts/mask';
import {
  draftGetResponse,
  draftPutResponse,
  heartbeatResponse,
  leaseResponse,
  nextResponse,
  releaseResponse,
  submitResponse,
  type draftPutRequest,
  type releaseRequest,
  type submitRequest,
} from '@/contracts/tasks';

export type { TaskDto } from '@/contracts/tasks';

// The editor's calls to /api/tasks/*, typed and checked by the routes' own contracts. A network failure or
// a 5xx throws (callers retry); a 4xx is an answer and is returned.

export class TransientError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'TransientError';
  }
}

/** A 2xx body as the contract says, or a 4xx's { error, message }. */
export type Answer<T> = { status: number; body: T & { error?: string; message?: string } };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function callJson<S extends z.ZodType>(fetcher: Fetch, path: string, method: string, body: unknown, schema: S, init: RequestInit = {}): Promise<Answer<z.infer<S>>> {
  let res: Response;
  try {
    res = await fetcher(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      ...init,
    });
  } catch (err) {
    throw new TransientError(`Network error: ${(err as Error).message}`);
  }
  if (res.status >= 500) throw new TransientError(`Server error ${res.status}`, res.status);
  const parsed: unknown = await res.json().catch(() => ({}));
  if (res.status >= 300) return { status: res.status, body: parsed as Answer<z.infer<S>>['body'] };
  const checked = schema.safeParse(parsed);
  if (!checked.success) throw new Error(`The server's answer to ${method} ${path} does not match its contract: ${checked.error.message}`);
  return { status: res.status, body: checked.data as Answer<z.infer<S>>['body'] };
}

type DraftPut = z.input<typeof draftPutRequest>;

export const taskApi = (fetcher: Fetch) => ({
  open: (taskId: string) => callJson(fetcher, `/api/tasks/${taskId}/lease`, 'POST', {}, leaseResponse),
  next: (projectId: string) => callJson(fetcher, '/api/tasks/next', 'POST', { projectId }, nextResponse),
  heartbeat: (taskId: string, leaseToken: string) => callJson(fetcher, `/api/tasks/${taskId}/heartbeat`, 'POST', { leaseToken }, heartbeatResponse),
  /** `keepalive` lets the request outlive the page (the tab is closing); its body must stay under 64 KiB. */
  release: (taskId: string, body: z.input<typeof releaseRequest>, opts: { keepalive?: boolean } = {}) =>
    callJson(fetcher, `/api/tasks/${taskId}/release`, 'POST', body, releaseResponse, { keepalive: opts.keepalive }),
  getDraft: (taskId: string) => callJson(fetcher, `/api/tasks/${taskId}/draft`, 'GET', undefined, draftGetResponse),
  saveDraft: (taskId: string, draft: DraftPut, opts: { keepalive?: boolean } = {}) =>
    callJson(fetcher, `/api/tasks/${taskId}/draft`, 'PUT', draft, draftPutResponse, { keepalive: opts.keepalive }),
  submit: (taskId: string, body: z.input<typeof submitRequest>) => callJson(fetcher, `/api/tasks/${taskId}/submit`, 'POST', body, submitResponse),
});

export type TaskApi = ReturnType<typeof taskApi>;
export type { RlePayload };

import type { RlePayload } from '@/contracts/mask';
import { backoffMs } from './backoff';
import { TransientError, type TaskApi } from './api';

export type SubmitOutcome =
  | { kind: 'stored'; maskId: string; submission: number; noForgery: boolean; bytes: number }
  | { kind: 'lease-lost'; message: string }
  | { kind: 'refused'; message: string };

/**
 * Submits with one client id for every retry of the same intent, so a response lost to the network and a
 * retry never store two masks. Network failures and 5xx retry with backoff (reported through onRetry).
 */
export async function submitWithRetry(
  api: TaskApi,
  args: { taskId: string; leaseToken: string; clientId: string; noForgery: boolean; mask: RlePayload },
  opts: { maxAttempts?: number; onRetry?(attempt: number, delayMs: number, message: string): void; sleep?(ms: number): Promise<void> } = {},
): Promise<SubmitOutcome> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      const { taskId, ...body } = args;
      const answer = await api.submit(taskId, body);
      if (answer.status === 200 || answer.status === 201) {
        const m = answer.body.mask;
        return { kind: 'stored', maskId: m.id, submission: m.submission, noForgery: m.noForgery, bytes: m.bytes };
      }
      const message = answer.body.message ?? `The server refused the mask (${answer.status}).`;
      return answer.status === 409 ? { kind: 'lease-lost', message } : { kind: 'refused', message };
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= (opts.maxAttempts ?? 8)) throw err;
      const delay = backoffMs(attempt);
      opts.onRetry?.(attempt, delay, err.message);
      await sleep(delay);
    }
  }
}

import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueEnv } from './env.ts';
import { JOBS, type JobEnvelope, type JobKey, type JobPayload } from './jobs.ts';
import { ALL_QUEUES, type QueueName } from './queues.ts';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Enqueue jobs by definition; the payload is validated here too, so a bad one never reaches Redis. */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix = queueEnv().LAE_REDIS_PREFIX,
  ) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue<K extends JobKey>(key: K, payload: JobPayload<K>, opts: JobsOptions = {}): Promise<string> {
    const def = JOBS[key];
    const parsed = def.payload.parse(payload) as JobPayload<K>;
    const data: JobEnvelope<K> = { v: def.version, payload: parsed };
    const job = await this.queue(def.queue).add(def.name, data, {
      ...DEFAULT_JOB_OPTIONS,
      attempts: def.attempts,
      jobId: def.jobId(parsed as never),
      ...opts,
    });
    return job.id ?? '';
  }

  allQueues(): Queue[] {
    return ALL_QUEUES.map((q) => this.queue(q));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

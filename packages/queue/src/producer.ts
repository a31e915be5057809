import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueEnv } from './env.ts';
import { JOBS, jobIdFor, parsePayload, type JobEnvelope, type JobKey, type JobPayload } from './jobs.ts';
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

  /** Job ids come from the definition only (jobIdFor): options may tune a job, never rename it. */
  async enqueue<K extends JobKey>(key: K, payload: JobPayload<K>, opts: Omit<JobsOptions, 'jobId'> = {}): Promise<string> {
    const def = JOBS[key];
    const parsed = parsePayload(key, payload);
    const data: JobEnvelope<K> = { v: def.version, payload: parsed };
    const job = await this.queue(def.queue).add(def.name, data, { ...DEFAULT_JOB_OPTIONS, attempts: def.attempts, jobId: jobIdFor(key, parsed), ...opts });
    return job.id ?? '';
  }

  allQueues(): Queue[] {
    return ALL_QUEUES.map((q) => this.queue(q));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

/**
 * Every queue name, defined once. Producers (web, CLI, schedulers) and the worker import these; each job's
 * name, payload schema and id live in jobs.ts, the job schedulers in schedulers.ts.
 */
export const QUEUES = {
  /** Round orchestration: open, advance and close rounds. */
  rounds: 'rounds',
  /** Scoring the pool with a model (CPU- or GPU-heavy). */
  score: 'score',
  /** Training and evaluating a model (routable to GPU hosts). */
  train: 'train',
  /** Data work: synthetic generation and imports (I/O- and CPU-heavy, never in the web process). */
  data: 'data',
  /** Housekeeping: the reconcile scheduler's jobs (lost jobs re-enqueued, retrain schedulers synced, stale leases expired). */
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES = Object.values(QUEUES) as QueueName[];

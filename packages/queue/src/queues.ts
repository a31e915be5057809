/**
 * Every queue name, defined once. Producers (web, CLI, schedulers) and the worker import these; job
 * payload schemas live beside them as the loop lands (issue: active-learning loop).
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
  /** Housekeeping: lease expiry, reconciliation. */
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES = Object.values(QUEUES) as QueueName[];

import type { RoundStatus } from '../generated/prisma/enums.ts';

/**
 * The round state machine, in one table: each event names the statuses it may move a round from and the
 * status it moves it to. Every status change of a round goes through `transitionRound` with one of these
 * events (a compare-and-set on `from`), so a duplicate or late job finds the round elsewhere and does nothing.
 *
 *   pending ─start─► scoring ─scored─► selecting ─selected─► annotating ─closeAnnotation─► training ─trained─► evaluating ─evaluated─► completed
 *      └───────coldStart──────────────────┘  └──────────nothingToAsk────────────────────────────┘
 *   any active status ─fail─► failed;   any status before evaluating ─cancel─► cancelled
 */
export const ROUND_STATUSES = ['pending', 'scoring', 'selecting', 'annotating', 'training', 'evaluating', 'completed', 'failed', 'cancelled'] as const satisfies readonly RoundStatus[];

/** A round in one of these is the project's active round (at most one per project). */
export const ACTIVE_ROUND_STATUSES = ['pending', 'scoring', 'selecting', 'annotating', 'training', 'evaluating'] as const satisfies readonly RoundStatus[];

/** Statuses an admin may cancel from: everything before the model is evaluated and promoted. */
export const CANCELLABLE_ROUND_STATUSES = ['pending', 'scoring', 'selecting', 'annotating', 'training'] as const satisfies readonly RoundStatus[];

export const ROUND_TRANSITIONS = {
  /** A round with an input model scores the pool first. */
  start: { from: ['pending'], to: 'scoring' },
  /** Round 0 (no model to rank with) selects at random straight away. */
  coldStart: { from: ['pending'], to: 'selecting' },
  scored: { from: ['scoring'], to: 'selecting' },
  /** Candidates queued as annotation tasks. */
  selected: { from: ['selecting'], to: 'annotating' },
  /** Nothing left to ask for: train on what there is. */
  nothingToAsk: { from: ['selecting'], to: 'training' },
  /** Every task answered, or an admin or the schedule trains now. */
  closeAnnotation: { from: ['annotating'], to: 'training' },
  trained: { from: ['training'], to: 'evaluating' },
  evaluated: { from: ['evaluating'], to: 'completed' },
  /** A job failed for good. */
  fail: { from: ACTIVE_ROUND_STATUSES, to: 'failed' },
  /** An admin withdrew the round. */
  cancel: { from: CANCELLABLE_ROUND_STATUSES, to: 'cancelled' },
} as const satisfies Record<string, { from: readonly RoundStatus[]; to: RoundStatus }>;

export type RoundEvent = keyof typeof ROUND_TRANSITIONS;
export const ROUND_EVENTS = Object.keys(ROUND_TRANSITIONS) as RoundEvent[];

/** Statuses after which a round never moves again: they stamp `completedAt`. */
export const FINAL_ROUND_STATUSES = ['completed', 'failed', 'cancelled'] as const satisfies readonly RoundStatus[];

/** Where `event` takes a round in `status`, or null when the table refuses the move. */
export function nextRoundStatus(status: RoundStatus, event: RoundEvent): RoundStatus | null {
  const t = ROUND_TRANSITIONS[event];
  return (t.from as readonly RoundStatus[]).includes(status) ? t.to : null;
}

export function isActiveRoundStatus(status: RoundStatus): boolean {
  return (ACTIVE_ROUND_STATUSES as readonly RoundStatus[]).includes(status);
}

import 'server-only';
import { ACTIVE_ROUND_STATUSES, countSamples, getDb, listRounds } from '@lae-studio/db';

/**
 * Why "Trigger round now" would do nothing, in a sentence for the admin, or null when it would open a round.
 * A round selects among the training fakes: a project without any has nothing to ask annotators for (the
 * worker's openRound would return without a round). With an active round, the trigger acts on that round.
 */
export async function whyNoRoundOpens(opts: { projectId: string; rounds: { status: string }[] }): Promise<string | null> {
  if (opts.rounds.some((r) => (ACTIVE_ROUND_STATUSES as readonly string[]).includes(r.status))) return null;
  const db = getDb();
  const trainFakes = await countSamples(db, { projectId: opts.projectId, split: 'train', label: 'fake' });
  if (trainFakes > 0) return null;
  const samples = await countSamples(db, { projectId: opts.projectId });
  return samples === 0
    ? 'Nothing to select yet: this project has no samples. Add data on the Data page first.'
    : `Nothing to select yet: none of the ${samples} samples is a fake in the train split, and a round asks annotators to mask training fakes. Add training fakes on the Data page.`;
}

/** What the round controls need: the annotating round's task counts (for the confirmation) and `blocked`. */
export async function roundControlsState(opts: { projectId: string }) {
  const rounds = await listRounds(getDb(), { projectId: opts.projectId });
  const a = rounds.find((r) => r.status === 'annotating');
  return {
    rounds,
    annotating: a ? { round: a.number, total: a.tasks.total, open: a.tasks.open } : null,
    blocked: await whyNoRoundOpens({ projectId: opts.projectId, rounds }),
  };
}

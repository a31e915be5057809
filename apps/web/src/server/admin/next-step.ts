/**
 * What a project needs next, in the order a new admin meets it: data, training fakes, annotators, round 0,
 * answers, a model. Pure, so the Overview, the project cards and the getting-started steps agree.
 */
export interface ProjectState {
  samples: number;
  trainFakes: number;
  /** Members besides admins, and whether every annotator may work on the project anyway. */
  members: number;
  openToAll: boolean;
  /** The latest round (null before round 0), with its open tasks while it is annotating. */
  latest: { number: number; status: string; openTasks: number } | null;
  promoted: boolean;
  /** Masks the next round would ask for (0 once the total budget is spent). */
  nextRoundBudget: number;
}

export type StepKey = 'data' | 'fakes' | 'people' | 'round0' | 'annotate' | 'wait' | 'review' | 'budget' | 'next-round';

export interface NextStep {
  key: StepKey;
  title: string;
  detail: string;
  /** The project page that does it ('' = the overview itself). */
  page: 'data' | 'members' | 'rounds' | 'models' | 'settings';
}

const ACTIVE = ['scoring', 'selecting', 'training', 'evaluating'];

export function nextStep(s: ProjectState): NextStep {
  if (s.samples === 0)
    return { key: 'data', page: 'data', title: 'Add data', detail: 'Upload images, a zip of the folder layout or videos, import from a server path, or generate the synthetic benchmark.' };
  if (s.trainFakes === 0)
    return { key: 'fakes', page: 'data', title: 'Add fake training images', detail: `None of the ${s.samples} samples is a fake in the train split, and rounds ask annotators to mask training fakes.` };
  if (s.members === 0 && !s.openToAll) {
    const waiting = s.latest?.status === 'annotating' && s.latest.openTasks > 0 ? `Round ${s.latest.number} has ${s.latest.openTasks} open task${s.latest.openTasks === 1 ? '' : 's'}, and only` : 'Only';
    return { key: 'people', page: 'members', title: 'Invite annotators', detail: `${waiting} admins can annotate this project: add members, or open it to every annotator.` };
  }
  if (!s.latest)
    return { key: 'round0', page: 'rounds', title: 'Start round 0', detail: 'Round 0 picks training fakes at random (no model yet) and queues them for annotators to mask.' };
  const l = s.latest;
  if (l.status === 'annotating')
    return {
      key: 'annotate',
      page: 'rounds',
      title: `Round ${l.number} is waiting for masks`,
      detail: l.openTasks > 0 ? `${l.openTasks} task${l.openTasks === 1 ? '' : 's'} open. Annotators work at /work; the round trains when the last is submitted, or when you close it early.` : 'Every task is answered; the round trains next.',
    };
  if (ACTIVE.includes(l.status)) return { key: 'wait', page: 'rounds', title: `Round ${l.number} is ${l.status}`, detail: 'The worker is on it; this page follows along.' };
  if (l.status === 'completed' && !s.promoted)
    return { key: 'review', page: 'models', title: 'No model promoted yet', detail: `Round ${l.number} finished without a model better than chance. See why on Models; more masks usually help.` };
  if (s.nextRoundBudget === 0)
    return { key: 'budget', page: 'settings', title: 'The mask budget is spent', detail: 'Every mask the total budget allows is collected. Compare the models on Models, or raise the total budget in Settings to go on.' };
  const why = l.status === 'completed' ? `Round ${l.number} is done${s.promoted ? ' and a model is promoted' : ''}.` : `Round ${l.number} ended ${l.status}.`;
  return { key: 'next-round', page: 'rounds', title: `Start round ${l.number + 1}`, detail: `${why} The next round asks annotators for the ${s.nextRoundBudget} masks the model is least sure of.` };
}

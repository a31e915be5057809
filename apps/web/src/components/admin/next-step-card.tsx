import Link from 'next/link';
import type { NextStep } from '@/server/admin/next-step';
import { StartRoundButton } from './round-actions';

const PAGE_LABEL: Record<NextStep['page'], string> = { data: 'Go to Data', members: 'Go to Members', rounds: 'Go to Rounds', models: 'Go to Models', settings: 'Go to Settings' };

/** The one thing a project needs next, with the button or link that does it. */
export function NextStepCard({ projectId, step }: { projectId: string; step: NextStep }) {
  const startsRound = step.key === 'round0' || step.key === 'next-round';
  return (
    <section className="card next-step" data-testid="next-step" data-step={step.key}>
      <div className="muted small">Next step</div>
      <h3>{step.title}</h3>
      <p>{step.detail}</p>
      <div className="row">
        {startsRound && <StartRoundButton projectId={projectId} label={step.title} />}
        <Link className={startsRound ? 'button secondary-link' : 'button'} href={`/admin/projects/${projectId}/${step.page}`}>
          {PAGE_LABEL[step.page]}
        </Link>
      </div>
    </section>
  );
}

const GETTING_STARTED = [
  { title: 'Create a project', detail: 'A name and an image size; the mask budget and selection default to the paper’s setting (3 % of training fakes, margin).' },
  { title: 'Add data', detail: 'Upload images, a zip or videos, import a FaceForensics++ tree, or generate the synthetic benchmark.' },
  { title: 'Invite annotators', detail: 'Add people on People, then make them members of the project (or open it to every annotator).' },
  { title: 'Start round 0', detail: 'It picks training fakes at random and queues them; annotators paint the forged region at /work.' },
];

/** The empty install's walk-through: the four steps from nothing to annotators at work. */
export function GettingStarted({ done }: { done: number }) {
  return (
    <section className="card" data-testid="getting-started">
      <h3>Getting started</h3>
      <ol className="steps">
        {GETTING_STARTED.map((s, i) => (
          <li key={s.title} className={i < done ? 'done' : i === done ? 'current' : undefined}>
            <b>{s.title}</b>
            <span className="muted small">{s.detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

import { ACTIVE_ROUND_STATUSES } from '@lae-studio/db';
import { LiveRefresh } from '@/components/admin/live-refresh';
import { RoundControls } from '@/components/admin/round-actions';
import { RoundCard } from '@/components/admin/round-timeline';
import { adminProjectPage } from '@/server/admin/page';
import { roundControlsState } from '@/server/admin/round-trigger';

export const dynamic = 'force-dynamic';

export default async function RoundsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project } = await adminProjectPage(params, '/rounds');
  const { rounds, annotating, blocked } = await roundControlsState({ projectId: project.id });
  const active = rounds.find((r) => (ACTIVE_ROUND_STATUSES as readonly string[]).includes(r.status));
  return (
    <>
      <div className="row spread">
        <RoundControls projectId={project.id} schedule={project.retrainSchedule} paused={project.schedulePaused} annotating={annotating} blocked={blocked} />
        {/* Polls faster while a round runs; slowly otherwise, so a round a schedule or another admin opens shows up. */}
        <LiveRefresh active seconds={active ? 2 : 10} />
      </div>
      <p className="muted">
        A round scores the unmasked training fakes with the promoted model, selects the most informative, waits for annotators (or &quot;close annotation and train now&quot;), trains and evaluates. Cancelling marks the round
        cancelled: its model is never evaluated or promoted.
      </p>
      {rounds.length === 0 && <p className="muted">No rounds yet.</p>}
      <div className="timeline" data-testid="round-timeline">
        {rounds.map((r) => (
          <RoundCard key={r.id} projectId={project.id} round={r} />
        ))}
      </div>
    </>
  );
}

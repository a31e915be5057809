import { ProjectForm } from '@/components/admin/project-form';
import { RoundControls } from '@/components/admin/round-actions';
import { adminProjectPage } from '@/server/admin/page';
import { roundControlsState } from '@/server/admin/round-trigger';

export const dynamic = 'force-dynamic';

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project: p } = await adminProjectPage(params, '/settings');
  // The same controls as on Rounds: closing annotation early is confirmed here too.
  const { annotating, blocked } = await roundControlsState({ projectId: p.id });
  return (
    <>
      <h2>Settings</h2>
      <div className="card">
        <ProjectForm
          projectId={p.id}
          initial={{
            name: p.name,
            description: p.description,
            imageSize: p.imageSize,
            strategy: p.strategy,
            diversityWeight: p.diversityWeight,
            roundBudgetFraction: p.roundBudgetFraction,
            totalBudgetFraction: p.totalBudgetFraction,
            retrainSchedule: p.retrainSchedule,
            promotionMetric: p.promotionMetric,
            promoteAboveChanceOnly: p.promoteAboveChanceOnly,
            leaseTtlSeconds: p.leaseTtlSeconds,
            modelConfig: (p.modelConfig ?? {}) as Record<string, unknown>,
          }}
        />
      </div>
      <h2>Schedule</h2>
      <RoundControls projectId={p.id} schedule={p.retrainSchedule} paused={p.schedulePaused} annotating={annotating} blocked={blocked} />
    </>
  );
}

import { AppShell } from '@/components/app-shell';
import { requirePageUser } from '@/server/session';
import { workNav } from '../../work/nav';
import { ReviewPanel } from './review-panel';

export const dynamic = 'force-dynamic';

export default async function ReviewMask({ params }: { params: Promise<{ maskId: string }> }) {
  const { maskId } = await params;
  const user = await requirePageUser('reviewer', `/review/${encodeURIComponent(maskId)}`);
  return (
    <AppShell user={user} nav={workNav(user)}>
      <ReviewPanel maskId={maskId} />
    </AppShell>
  );
}

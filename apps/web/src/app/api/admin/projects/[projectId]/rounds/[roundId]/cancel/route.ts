import { cancelRound, getDb } from '@lae-studio/db';
import * as contract from '@/contracts/rounds';
import { adminRoute, notFound, parseIds, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

/** Cancel a round before evaluation (cancelRound audits it); 409 when it is already past that. */
export async function POST(_req: Request, { params }: { params: Promise<{ projectId: string; roundId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such round.');
    const round = await cancelRound(getDb(), { projectId: ids.projectId, roundId: ids.roundId, actorId: user.id });
    return respond(contract.cancelRound, { round: { id: round.id, number: round.number, status: round.status } });
  });
}

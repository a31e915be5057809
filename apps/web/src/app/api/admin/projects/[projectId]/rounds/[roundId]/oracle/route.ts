import { NextResponse } from 'next/server';
import { answerWithOracle } from '@/contracts/rounds';
import { findProjectRound, getDb } from '@lae-studio/db';
import { adminRoute, audit, notFound, parseIds, respond } from '@/server/admin/api';
import { getProducer } from '@/server/producer';

export const dynamic = 'force-dynamic';

/**
 * Simulation: the worker answers the round's open tasks with their ground-truth masks (the oracle of
 * `lae-studio simulate`), then trains. 409 unless the round is annotating and its tasks have reference masks.
 */
export async function POST(req: Request, { params }: { params: Promise<{ projectId: string; roundId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    const round = ids && (await findProjectRound(getDb(), ids));
    if (!round) return notFound('No such round.');
    if (round.status !== 'annotating') return NextResponse.json({ error: `Round ${round.number} is ${round.status}: only an annotating round can be answered.` }, { status: 409 });
    if (round.oracleAnswerable === 0) return NextResponse.json({ error: 'None of the open tasks has a ground-truth (reference) mask to answer it with.' }, { status: 409 });
    const jobId = await getProducer().enqueue('oracleAnnotate', { roundId: round.id });
    await audit(req, user, { action: 'round.oracle', projectId: ids.projectId, targetType: 'round', targetId: round.id, data: { jobId, tasks: round.openTasks, answerable: round.oracleAnswerable } });
    return respond(answerWithOracle, { jobId, tasks: round.openTasks, answerable: round.oracleAnswerable }, { status: 202 });
  });
}

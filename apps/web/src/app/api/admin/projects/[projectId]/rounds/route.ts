import * as contract from '@/contracts/rounds';
import { findLatestRound, getDb, listRounds } from '@lae-studio/db';
import { NextResponse } from 'next/server';
import { adminRoute, audit, notFound, projectOf, respond } from '@/server/admin/api';
import { whyNoRoundOpens } from '@/server/admin/round-trigger';
import { getProducer } from '@/server/producer';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ projectId: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return adminRoute(async () => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    return respond(contract.listRounds, { rounds: await listRounds(getDb(), { projectId: project.id }) });
  });
}

/**
 * Trigger a round now: the worker opens the next round, or — when one is annotating — closes its
 * annotation and trains. No body (a POST with an empty JSON object is fine).
 */
export async function POST(req: Request, { params }: Ctx) {
  return adminRoute(async (user) => {
    const project = await projectOf(params);
    if (!project) return notFound('No such project.');
    // Say why nothing would happen instead of queueing a job that silently does nothing.
    const blocked = await whyNoRoundOpens({ projectId: project.id, rounds: await listRounds(getDb(), { projectId: project.id }) });
    if (blocked) return NextResponse.json({ error: 'conflict', message: blocked }, { status: 409 });
    // The job is named by the project's latest round: a second click against the same state is the same job,
    // a click after the state moved (e.g. "open", then "close annotation and train") is a new one.
    const after = await findLatestRound(getDb(), { projectId: project.id });
    const jobId = await getProducer().enqueue('openRound', { projectId: project.id, trigger: 'manual', after });
    await audit(req, user, { action: 'round.trigger', projectId: project.id, targetType: 'project', targetId: project.id, data: { jobId } });
    return respond(contract.triggerRound, { jobId }, { status: 202 });
  });
}

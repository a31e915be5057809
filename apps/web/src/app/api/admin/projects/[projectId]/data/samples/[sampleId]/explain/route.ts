import { NextResponse } from 'next/server';
import { findExplainerModel, findSampleImage, getDb } from '@lae-studio/db';
import { explainSample } from '@/contracts/data';
import { parseJson } from '@/server/http';
import { adminRoute, audit, notFound, parseIds, respond } from '@/server/admin/api';
import { getProducer } from '@/server/producer';

export const dynamic = 'force-dynamic';

/** Score one sample with the project's explainer model in the worker, for its attention map; 409 while no model is ready. */
export async function POST(req: Request, { params }: { params: Promise<{ projectId: string; sampleId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    const sample = ids && (await findSampleImage(getDb(), ids));
    if (!ids || !sample) return notFound('No such sample in this project.');
    const body = await parseJson(req, explainSample.request);
    if (body.error) return body.error;
    const model = await findExplainerModel(getDb(), { projectId: ids.projectId });
    if (!model) return NextResponse.json({ error: 'no_model', message: 'No model is ready yet: train one (a round, or the no-mask baseline) first.' }, { status: 409 });
    const jobId = await getProducer().enqueue('explainSample', { projectId: ids.projectId, sampleId: sample.id, modelVersionId: model.id });
    await audit(req, user, { action: 'sample.explain', projectId: ids.projectId, targetType: 'sample', targetId: sample.id, data: { modelVersionId: model.id } });
    return respond(explainSample, { jobId, model: model.label }, { status: 202 });
  });
}

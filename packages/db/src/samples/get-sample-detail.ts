import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import { SAMPLE_COLUMNS } from './sample-columns.ts';

/**
 * One sample for the admin: every mask version (metadata only, never the pixels), the latest scores per
 * model, and the newest attention map (float32 row-major, size × size).
 */
export async function getSampleDetail(db: Db, opts: { projectId: string; sampleId: string }) {
  const sample = await db.sample.findFirst({
    where: { id: opts.sampleId, projectId: opts.projectId },
    select: {
      ...SAMPLE_COLUMNS,
      createdAt: true,
      masks: {
        orderBy: { version: 'desc' },
        select: {
          id: true,
          version: true,
          source: true,
          encoding: true,
          area: true,
          reference: true,
          noForgery: true,
          review: true,
          reviewNote: true,
          reviewedAt: true,
          createdAt: true,
          author: { select: { email: true } },
          reviewer: { select: { email: true } },
        },
      },
      scores: {
        orderBy: { createdAt: 'desc' },
        take: 10,
        select: { id: true, pFake: true, margin: true, entropy: true, attentionDispersion: true, bald: true, createdAt: true, modelVersion: { select: { id: true, round: { select: { number: true } } } } },
      },
      tasks: { orderBy: { createdAt: 'desc' }, select: { id: true, status: true, round: { select: { number: true } }, skipReason: true } },
    },
  });
  if (!sample) throw new DomainError('not_found', 'No such sample in this project.');
  const att = await db.score.findFirst({
    where: { sampleId: sample.id, attention: { not: null }, attentionSize: { not: null } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, attention: true, attentionSize: true },
  });
  let attention: { scoreId: string; size: number; values: Float32Array } | null = null;
  if (att?.attention && att.attentionSize && att.attention.byteLength === att.attentionSize * att.attentionSize * 4) {
    const buf = new Uint8Array(att.attention);
    attention = { scoreId: att.id, size: att.attentionSize, values: new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) };
  }
  return { ...sample, attention };
}

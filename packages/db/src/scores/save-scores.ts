import type { Db } from '../client.ts';
import { toDbBytes } from '../bytes.ts';

export interface ScoreRow {
  sampleId: string;
  pFake: number;
  margin: number;
  entropy: number;
  attentionDispersion: number;
  bald: number | null;
  attention: Float32Array;
  attentionSize: number;
  embedding: Float32Array;
}

const bytes = toDbBytes;

/** Store scores of one model; (modelVersionId, sampleId) is unique, so a resumed scoring job skips what is stored. */
export async function saveScores(db: Db, opts: { modelVersionId: string; rows: ScoreRow[] }): Promise<number> {
  const { count } = await db.score.createMany({
    data: opts.rows.map((r) => ({
      modelVersionId: opts.modelVersionId,
      sampleId: r.sampleId,
      pFake: r.pFake,
      margin: r.margin,
      entropy: r.entropy,
      attentionDispersion: r.attentionDispersion,
      bald: r.bald,
      attention: bytes(r.attention),
      attentionSize: r.attentionSize,
      embedding: bytes(r.embedding),
    })),
    skipDuplicates: true,
  });
  return count;
}

/** Which of `sampleIds` already have a score from this model. */
export async function scoredSampleIds(db: Db, opts: { modelVersionId: string; sampleIds: string[] }): Promise<Set<string>> {
  const rows = await db.score.findMany({ where: { modelVersionId: opts.modelVersionId, sampleId: { in: opts.sampleIds } }, select: { sampleId: true } });
  return new Set(rows.map((r) => r.sampleId));
}

export function toFloat32(b: Uint8Array | null): Float32Array {
  if (!b) return new Float32Array(0);
  const copy = new Uint8Array(b); // aligned copy
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

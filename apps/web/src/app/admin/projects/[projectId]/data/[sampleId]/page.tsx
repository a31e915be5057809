import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DomainError, findExplainerModel, getDb, getSampleDetail } from '@lae-studio/db';
import { ExplainButton } from '@/components/admin/explain-button';
import { Heatmap } from '@/components/admin/heatmap';
import { adminProjectPage } from '@/server/admin/page';
import { idSchema } from '@/server/admin/api';
import { num, when } from '@/server/admin/format';

export const dynamic = 'force-dynamic';

/**
 * Why a sample has no attention map. Maps come from scoring, and a round scores only its pool — the training
 * fakes without a mask — with the promoted model; reals, validation and test samples, and fakes masked before
 * a model scored them are never scored, however many models exist.
 */
function noAttentionReason(s: { split: string; label: string; scores: unknown[]; masks: { reference: boolean }[] }): string {
  if (s.split !== 'train' || s.label !== 'fake') return `No attention map: rounds score only the training fakes that still need a mask, and this is a ${s.split} ${s.label}. Evaluation keeps metrics, not maps.`;
  if (s.masks.some((m) => !m.reference)) return 'No attention map: this fake was masked before a model scored it, and rounds score only unmasked training fakes.';
  if (s.scores.length > 0) return 'No attention map: its scores were saved without one.';
  return 'No attention map yet: rounds score the unmasked training fakes with a promoted model (from round 1 on).';
}

export default async function SamplePage({ params }: { params: Promise<{ projectId: string; sampleId: string }> }) {
  const { sampleId } = await params;
  const { project } = await adminProjectPage(params, `/data/${sampleId}`);
  if (!idSchema.safeParse(sampleId).success) notFound();
  const s = await getSampleDetail(getDb(), { projectId: project.id, sampleId }).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'not_found') notFound();
    throw err;
  });
  const explainer = s.attention ? null : await findExplainerModel(getDb(), { projectId: project.id });
  return (
    <div data-testid="sample-detail">
      <p>
        <Link href={`/admin/projects/${project.id}/data`}>← samples</Link>
      </p>
      <h2>
        {s.sourceName ?? s.id} <span className="badge">{s.split}</span> <span className="badge">{s.label}</span> {s.manipulation && <span className="badge">{s.manipulation}</span>} <span className="badge">{s.novelty}</span>
      </h2>
      <div className="row top">
        <figure>
          <img className="pixelated" src={`/api/samples/${s.id}/image`} alt="sample" width={192} height={192} />
          <figcaption className="muted small">
            image {s.width}×{s.height}
          </figcaption>
        </figure>
        <figure>
          {s.attention ? <Heatmap values={s.attention.values} size={s.attention.size} /> : <div className="placeholder">no attention map</div>}
          <figcaption className="muted small" data-testid="attention-caption" style={{ maxWidth: 240 }}>
            {s.attention ? `attention ${s.attention.size}×${s.attention.size} (latest score)` : noAttentionReason(s)}
          </figcaption>
          {explainer && <ExplainButton projectId={project.id} sampleId={s.id} model={explainer.label} />}
        </figure>
      </div>
      <h3>Mask versions</h3>
      {s.masks.length === 0 && <p className="muted">No masks.</p>}
      <table className="table" data-testid="mask-versions">
        <thead>
          <tr>
            <th>v</th>
            <th>source</th>
            <th>who</th>
            <th>when</th>
            <th className="num">area</th>
            <th>review</th>
          </tr>
        </thead>
        <tbody>
          {s.masks.map((m) => (
            <tr key={m.id}>
              <td>{m.version}</td>
              <td>
                {m.source}
                {m.reference ? ' (reference)' : ''}
                {m.noForgery ? ' · no visible forgery' : ''}
              </td>
              <td>{m.author?.email ?? '—'}</td>
              <td>{when(m.createdAt)}</td>
              <td className="num">{m.area}</td>
              <td>
                {m.review}
                {m.reviewer ? ` by ${m.reviewer.email}` : ''}
                {m.reviewedAt ? ` · ${when(m.reviewedAt)}` : ''}
                {m.reviewNote ? ` — ${m.reviewNote}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Latest scores</h3>
      <table className="table" data-testid="scores">
        <thead>
          <tr>
            <th>model (round)</th>
            <th className="num">p(fake)</th>
            <th className="num">margin</th>
            <th className="num">entropy</th>
            <th className="num">attention dispersion</th>
            <th className="num">BALD</th>
            <th>when</th>
          </tr>
        </thead>
        <tbody>
          {s.scores.map((sc) => (
            <tr key={sc.id}>
              <td>{sc.modelVersion.round ? `round ${sc.modelVersion.round.number}` : sc.modelVersion.id}</td>
              <td className="num">{num(sc.pFake)}</td>
              <td className="num">{num(sc.margin)}</td>
              <td className="num">{num(sc.entropy)}</td>
              <td className="num">{num(sc.attentionDispersion)}</td>
              <td className="num">{num(sc.bald)}</td>
              <td>{when(sc.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Tasks</h3>
      {s.tasks.length === 0 && <p className="muted">No round has asked for its mask.</p>}
      <ul>
        {s.tasks.map((t) => (
          <li key={t.id}>
            round {t.round.number}: {t.status}
            {t.skipReason ? ` (${t.skipReason})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

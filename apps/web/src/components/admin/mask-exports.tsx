'use client';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { listExports, startExport, type MaskExportItem } from '@/contracts/exports';
import { bytes, when } from '@/server/admin/format';
import { ErrorLine, useJsonAction } from './use-json-action';

const FORMAT_LABELS: Record<MaskExportItem['format'], string> = { png: 'PNG (zip)', coco: 'COCO JSON', 'label-studio': 'Label Studio JSON' };
const unfinished = (e: MaskExportItem) => e.status === 'queued' || e.status === 'running';

function Status({ e }: { e: MaskExportItem }) {
  if (unfinished(e))
    return (
      <>
        <progress max={1} value={e.progress} aria-label={`export ${Math.round(e.progress * 100)}% done`} /> <span className="muted small">{e.status === 'queued' ? 'queued' : `${Math.round(e.progress * 100)}%`}</span>
      </>
    );
  if (e.status === 'failed') return <span className="error-text" title={e.error ?? ''}>failed: {e.error}</span>;
  return <span className={e.status === 'expired' ? 'muted' : ''}>{e.status}</span>;
}

/**
 * Start a mask export (the worker builds it) and list the project's exports: progress while they run, polled
 * once a second until none is unfinished, and a download link once completed.
 */
export function MaskExports({ projectId, initial }: { projectId: string; initial: MaskExportItem[] }) {
  const { run, busy, error } = useJsonAction();
  const [items, setItems] = useState(initial);
  const base = `/api/admin/projects/${projectId}/exports`;

  const reload = useCallback(async () => {
    const res = await fetch(base, { cache: 'no-store' }).catch(() => null);
    const parsed = res?.ok ? listExports.response.safeParse(await res.json()) : null;
    if (parsed?.success) setItems(parsed.data.exports);
  }, [base]);

  const polling = items.some(unfinished);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void reload(), 1000);
    return () => clearInterval(timer);
  }, [polling, reload]);

  async function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    if (await run(startExport, base, { format: String(f.get('format')), reference: f.get('masks') === 'reference' })) await reload();
  }

  return (
    <div className="cards exports" data-testid="exports">
      <form className="card" onSubmit={start} data-testid="export-form">
        <h3>Export masks</h3>
        <label htmlFor="x-format">Format</label>
        <select id="x-format" name="format" defaultValue="png">
          <option value="png">PNG masks + manifest.csv (zip)</option>
          <option value="coco">COCO JSON (RLE segmentations)</option>
          <option value="label-studio">Label Studio tasks (brush RLE)</option>
        </select>
        <label htmlFor="x-masks">Masks</label>
        <select id="x-masks" name="masks" defaultValue="annotations">
          <option value="annotations">annotators&apos; masks (latest, not rejected)</option>
          <option value="reference">reference masks (ground truth)</option>
        </select>
        <div className="row">
          <button type="submit" disabled={busy}>
            Start export
          </button>
        </div>
        <p className="muted small">The worker builds the file; it stays here to download for a few days (LAE_EXPORT_TTL_DAYS).</p>
        <ErrorLine error={error} />
      </form>
      <div className="card">
        <h3>Exports</h3>
        {items.length === 0 ? (
          <p className="muted">No exports yet.</p>
        ) : (
          <table className="table" data-testid="export-list">
            <thead>
              <tr>
                <th>Created</th>
                <th>Format</th>
                <th>Masks</th>
                <th>Status</th>
                <th className="num">Count</th>
                <th className="num">Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="export-row" data-status={e.status}>
                  <td className="nowrap">{when(e.createdAt)}</td>
                  <td className="nowrap">{FORMAT_LABELS[e.format]}</td>
                  <td>{e.reference ? 'reference' : 'annotations'}</td>
                  <td>
                    <Status e={e} />
                  </td>
                  <td className="num">{e.maskCount ?? '—'}</td>
                  <td className="num nowrap">{e.bytes === null ? '—' : bytes(e.bytes)}</td>
                  <td>
                    {e.status === 'completed' && (
                      <a href={`${base}/${e.id}/download`} download={e.fileName ?? undefined} data-testid="export-download">
                        Download
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

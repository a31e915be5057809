'use client';
import { useState, type FormEvent } from 'react';
import { startDataJob } from '@/contracts/data';
import type { FieldErrors } from '@/contracts/field-errors';
import { FieldError, invalidProps, type useJsonAction } from './use-json-action';

/** The Data page's contract-checked call (it validates the body against `startDataJob` before sending). */
type Run = ReturnType<typeof useJsonAction>['run'];
/** What the Data page passes each form: its call, its field problems, and what to do when a job starts. */
interface FormProps {
  projectId: string;
  run: Run;
  busy: boolean;
  fields: FieldErrors;
  onSent: () => void;
  onStarted: (jobId: string) => void;
}

/** Masks made in another tool, from a file or folder under the worker's import root, matched to samples by file name. */
export function ImportMasksForm({ projectId, run, busy, fields, onSent, onStarted }: FormProps) {
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSent();
    const f = new FormData(e.currentTarget);
    const res = await run(startDataJob, `/api/admin/projects/${projectId}/data`, { kind: 'import-masks', path: String(f.get('path')), format: String(f.get('format')), masksAs: String(f.get('masksAs')) });
    if (res) onStarted(res.jobId);
  }
  return (
    <form className="card" onSubmit={submit} data-testid="import-masks-form">
      <h3>Import existing masks</h3>
      <p className="muted small">Matched to this project&apos;s samples by image file name; importing the same masks twice adds nothing.</p>
      <label htmlFor="m-path">File or folder (relative to LAE_IMPORT_ROOT)</label>
      <input id="m-path" name="path" {...invalidProps('m-path', 'path', fields)} required placeholder="exports/coco.json" />
      <FieldError id="m-path" name="path" fields={fields} />
      <label htmlFor="m-format">Format</label>
      <select id="m-format" name="format" defaultValue="coco">
        <option value="coco">COCO JSON (RLE or polygons)</option>
        <option value="label-studio">Label Studio JSON (brush tasks)</option>
        <option value="png-folder">folder of mask PNGs</option>
      </select>
      <label htmlFor="m-masks">Import them as</label>
      <select id="m-masks" name="masksAs" defaultValue="training">
        <option value="training">training masks (count against the budget)</option>
        <option value="reference">reference masks (evaluation and oracle only)</option>
      </select>
      <div className="row">
        <button type="submit" disabled={busy}>
          Import masks
        </button>
      </div>
    </form>
  );
}

/** Videos sampled into frames by the worker (ffmpeg); all frames of one video share a split. */
export function ImportVideosForm({ projectId, run, busy, fields, onSent, onStarted }: FormProps) {
  const [mode, setMode] = useState<'every' | 'perVideo'>('every');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSent();
    const f = new FormData(e.currentTarget);
    const n = Number(f.get('n'));
    const res = await run(startDataJob, `/api/admin/projects/${projectId}/data`, {
      kind: 'import-videos',
      path: String(f.get('path')),
      layout: String(f.get('layout')),
      sampling: mode === 'every' ? { every: n } : { perVideo: n },
      masksAs: String(f.get('masksAs')),
    });
    if (res) onStarted(res.jobId);
  }
  return (
    <form className="card" onSubmit={submit} data-testid="import-videos-form">
      <h3>Import videos</h3>
      <p className="muted small">mp4, webm or avi; FaceForensics++ mask videos become per-frame masks. Frames of one video never straddle train and test.</p>
      <label htmlFor="v-path">Folder (relative to LAE_IMPORT_ROOT)</label>
      <input id="v-path" name="path" {...invalidProps('v-path', 'path', fields)} required placeholder="datasets/ffpp" />
      <FieldError id="v-path" name="path" fields={fields} />
      <label htmlFor="v-layout">Layout</label>
      <select id="v-layout" name="layout" defaultValue="folder">
        <option value="folder">folder (real/, fake/&lt;manipulation&gt;/, masks/&lt;manipulation&gt;/)</option>
        <option value="faceforensics">FaceForensics++ (…/videos/*.mp4, masks/videos/)</option>
      </select>
      <div className="inline">
        <div>
          <label htmlFor="v-mode">Frames</label>
          <select id="v-mode" value={mode} onChange={(e) => setMode(e.target.value as 'every' | 'perVideo')}>
            <option value="every">every Nth frame</option>
            <option value="perVideo">N per video, evenly spaced</option>
          </select>
        </div>
        <div>
          <label htmlFor="v-n">N</label>
          <input id="v-n" name="n" {...invalidProps('v-n', 'sampling', fields)} type="number" min={1} max={mode === 'every' ? 100_000 : 10_000} defaultValue={mode === 'every' ? 25 : 16} key={mode} required />
          <FieldError id="v-n" name="sampling" fields={fields} />
        </div>
      </div>
      <label htmlFor="v-masks">Mask videos are</label>
      <select id="v-masks" name="masksAs" defaultValue="reference">
        <option value="reference">reference (evaluation and oracle only)</option>
        <option value="training">training masks (count against the budget)</option>
      </select>
      <div className="row">
        <button type="submit" disabled={busy}>
          Import videos
        </button>
      </div>
    </form>
  );
}

'use client';
import { useRef, useState, type FormEvent } from 'react';
import { Upload } from 'tus-js-client';
import { startDataJob } from '@/contracts/data';
import { bytes } from '@/server/admin/format';
import type { FieldErrors } from '@/contracts/field-errors';
import { FieldError, invalidProps, type useJsonAction } from './use-json-action';

type Run = ReturnType<typeof useJsonAction>['run'];

type Sent = { sent: number; total: number; startedAt: number; startedFrom: number };

/**
 * Upload from the browser, resumable (tus: a dropped connection or a closed tab picks up where it stopped,
 * the same file found again by its fingerprint), then imported by the worker as a data job. A zip holds the
 * folder layout or a FaceForensics++ tree, images or videos; a single image or video is uploaded with its label.
 */
export function UploadForm({ projectId, run, busy, fields, onSent, onStarted }: { projectId: string; run: Run; busy: boolean; fields: FieldErrors; onSent: () => void; onStarted: (jobId: string) => void }) {
  const [content, setContent] = useState('folder');
  const [progress, setProgress] = useState<Sent | null>(null);
  const [state, setState] = useState<'idle' | 'uploading' | 'paused' | 'importing'>('idle');
  const [error, setError] = useState<string | null>(null);
  const upload = useRef<Upload | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSent();
    setError(null);
    const f = new FormData(e.currentTarget);
    const file = f.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError('Choose a file to upload.');
      return;
    }
    const options = {
      content: String(f.get('content')),
      manipulation: String(f.get('manipulation') ?? '').trim(),
      masksAs: String(f.get('masksAs')),
      perVideo: Number(f.get('perVideo')),
    };
    const up = new Upload(file, {
      endpoint: `/api/admin/projects/${projectId}/uploads`,
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      metadata: { filename: file.name, filetype: file.type },
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => setProgress((p) => ({ sent, total, startedAt: p?.startedAt ?? Date.now(), startedFrom: p?.startedFrom ?? sent })),
      onError: (err) => {
        setState('idle');
        // tus-js-client's message carries the server's body ("response text: …"): keep the sentence.
        const text = /response text: (.*?)(, request id|$)/s.exec(err.message)?.[1]?.trim();
        setError(`Upload failed: ${text || err.message}`);
      },
      onSuccess: async () => {
        setState('importing');
        const uploadId = (up.url ?? '').split('/').pop() ?? '';
        const res = await run(startDataJob, `/api/admin/projects/${projectId}/data`, {
          kind: 'import-upload',
          uploadId,
          content: options.content,
          ...(options.content === 'fake' && options.manipulation ? { manipulation: options.manipulation } : {}),
          sampling: { perVideo: options.perVideo },
          masksAs: options.masksAs,
        });
        setState('idle');
        setProgress(null);
        if (res) onStarted(res.jobId);
      },
    });
    upload.current = up;
    // The same file uploaded before and not finished: continue it instead of sending it again.
    const previous = await up.findPreviousUploads();
    if (previous[0]) up.resumeFromPreviousUpload(previous[0]);
    setProgress(null);
    setState('uploading');
    up.start();
  }

  function pause() {
    void upload.current?.abort();
    setState('paused');
  }
  function resume() {
    setProgress((p) => p && { ...p, startedAt: Date.now(), startedFrom: p.sent });
    upload.current?.start();
    setState('uploading');
  }

  const percent = progress ? (100 * progress.sent) / Math.max(1, progress.total) : 0;
  const seconds = progress ? (Date.now() - progress.startedAt) / 1000 : 0;
  const rate = progress && seconds > 0.5 ? (progress.sent - progress.startedFrom) / seconds : null;
  return (
    <form className="card" onSubmit={submit} data-testid="upload-form">
      <h3>Upload from this computer</h3>
      <p className="muted small">Resumable: if the connection drops or you close the tab, choose the same file again and it continues where it stopped.</p>
      <label htmlFor="u-file">File (.zip, an image or a video)</label>
      <input id="u-file" name="file" type="file" required accept=".zip,.png,.jpg,.jpeg,.webp,.mp4,.webm,.avi,.mov,.mkv" disabled={state !== 'idle'} />
      <label htmlFor="u-content">What it is</label>
      <select id="u-content" name="content" value={content} onChange={(e) => setContent(e.target.value)} disabled={state !== 'idle'}>
        <option value="folder">zip of the folder layout (real/, fake/&lt;manipulation&gt;/, masks/&lt;manipulation&gt;/)</option>
        <option value="faceforensics">zip of a FaceForensics++ tree</option>
        <option value="real">one real image or video</option>
        <option value="fake">one fake image or video</option>
      </select>
      {content === 'fake' && (
        <>
          <label htmlFor="u-manipulation">Manipulation</label>
          <input id="u-manipulation" name="manipulation" {...invalidProps('u-manipulation', 'manipulation', fields)} maxLength={64} pattern="[A-Za-z0-9_.\-]+" placeholder="uploaded" title="letters, digits, dots, dashes and underscores" />
          <FieldError id="u-manipulation" name="manipulation" fields={fields} />
        </>
      )}
      <div className="inline">
        <div>
          <label htmlFor="u-frames">Frames per video</label>
          <input id="u-frames" name="perVideo" {...invalidProps('u-frames', 'sampling', fields)} type="number" min={1} max={10_000} defaultValue={8} required />
          <FieldError id="u-frames" name="sampling" fields={fields} />
        </div>
        <div>
          <label htmlFor="u-masks">Masks in it are</label>
          <select id="u-masks" name="masksAs" defaultValue="reference">
            <option value="reference">reference (evaluation and oracle only)</option>
            <option value="training">training masks (count against the budget)</option>
          </select>
        </div>
      </div>
      <div className="row">
        {state === 'idle' && (
          <button type="submit" disabled={busy}>
            Upload and import
          </button>
        )}
        {state === 'uploading' && (
          <button type="button" className="secondary" onClick={pause}>
            Pause
          </button>
        )}
        {state === 'paused' && (
          <button type="button" onClick={resume}>
            Resume
          </button>
        )}
        {state !== 'idle' && (
          <span className="job" data-testid="upload-progress" data-state={state}>
            <progress max={100} value={percent} />
            <span className="muted">
              {state === 'importing' ? 'uploaded; starting the import…' : `${bytes(progress?.sent ?? 0)} of ${bytes(progress?.total ?? 0)} (${Math.round(percent)}%)${rate ? ` · ${bytes(rate)}/s` : ''}`}
            </span>
          </span>
        )}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
    </form>
  );
}

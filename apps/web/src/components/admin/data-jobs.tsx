'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { dataJobStatus, startDataJob, type DataJobStatus } from '@/contracts/data';
import { ImportMasksForm, ImportVideosForm } from './import-forms';
import { UploadForm } from './upload-form';
import { ErrorLine, FieldError, invalidProps, useJsonAction } from './use-json-action';

/** A finished job's result, as the status contract parses it. */
type JobResult = NonNullable<DataJobStatus['result']>;

/** What a finished import did, and each file it skipped with why. */
function JobSummary({ result }: { result: JobResult }) {
  return (
    <div data-testid="data-job-result">
      <span className="muted">
        {result.added ?? 0} added · {result.duplicates ?? 0} already there · {result.issues ?? 0} skipped
      </span>
      {result.firstIssues?.length ? (
        <details>
          <summary>What was skipped, and why</summary>
          <ul className="small">
            {result.firstIssues.map((i, k) => (
              <li key={k}>
                <code>{i.path}</code> — {i.code}: {i.message}
              </li>
            ))}
          </ul>
          {(result.issues ?? 0) > result.firstIssues.length && <p className="muted small">… and {(result.issues ?? 0) - result.firstIssues.length} more</p>}
        </details>
      ) : null}
    </div>
  );
}

/** Polls a data job until it completes or fails; refreshes the page (sample counts) when it ends. */
function JobProgress({ projectId, jobId }: { projectId: string; jobId: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<DataJobStatus | null>(null);
  useEffect(() => {
    let stop = false;
    async function poll() {
      while (!stop) {
        const res = await fetch(`/api/admin/projects/${projectId}/data/jobs/${jobId}`, { cache: 'no-store' }).catch(() => null);
        const parsed = res?.ok ? dataJobStatus.response.safeParse(await res.json()) : null;
        if (parsed?.success) {
          const s = parsed.data;
          setStatus(s);
          if (s.state === 'completed' || s.state === 'failed') {
            router.refresh();
            return;
          }
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    void poll();
    return () => {
      stop = true;
    };
  }, [projectId, jobId, router]);
  const percent = status?.progress?.percent ?? (status?.state === 'completed' ? 100 : 0);
  return (
    <div className="job" data-testid="data-job" data-state={status?.state ?? 'waiting'}>
      <progress max={100} value={percent} /> <span>{status?.state ?? 'waiting'}</span>{' '}
      {status?.progress?.total ? (
        <span className="muted">
          {status.progress.done ?? 0} / {status.progress.total} {status.progress.unit ?? 'images'} ({Math.round(percent)}%)
        </span>
      ) : null}
      {status?.state === 'completed' && status.result && <JobSummary result={status.result} />}
      {status?.failedReason && <p className="error">{status.failedReason}</p>}
    </div>
  );
}

/** Generate the synthetic benchmark, or import images, masks or videos from a server path; each started job shows live progress. */
export function DataJobs({ projectId, imageSize }: { projectId: string; imageSize: number }) {
  const { run, busy, error, fields: allFields } = useJsonAction();
  const [jobs, setJobs] = useState<string[]>([]);
  // The forms share one action: a field's problem is shown in the form that was sent, not in each form with a "path".
  const [sent, setSent] = useState<string | null>(null);
  const fieldsOf = (form: string) => (sent === form ? allFields : {});

  async function generate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSent('generate');
    const f = new FormData(e.currentTarget);
    const n = (k: string) => Number(f.get(k));
    const res = await run(startDataJob, `/api/admin/projects/${projectId}/data`, {
      kind: 'generate',
      preset: String(f.get('preset')),
      version: String(f.get('version')),
      seed: n('seed'),
      size: n('size'),
      counts: { train: n('train'), val: n('val'), test: n('test') },
    });
    if (res) setJobs((j) => [res.jobId, ...j]);
  }
  async function importPath(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSent('import');
    const f = new FormData(e.currentTarget);
    const res = await run(startDataJob, `/api/admin/projects/${projectId}/data`, { kind: 'import', path: String(f.get('path')), layout: String(f.get('layout')), masksAs: String(f.get('masksAs')) });
    if (res) setJobs((j) => [res.jobId, ...j]);
  }

  return (
    <div className="cards two">
      <UploadForm projectId={projectId} run={run} busy={busy} fields={fieldsOf('upload')} onSent={() => setSent('upload')} onStarted={(id) => setJobs((j) => [id, ...j])} />
      <form className="card" onSubmit={generate} data-testid="generate-form">
        <h3>Generate a synthetic benchmark</h3>
        <label htmlFor="g-preset">Preset</label>
        <select id="g-preset" name="preset" defaultValue="face-swap">
          <option>face-swap</option>
          <option>attribute-edit</option>
          <option>inpainting</option>
          <option>all-families</option>
        </select>
        <label htmlFor="g-version">Benchmark version</label>
        <select id="g-version" name="version" defaultValue="v2">
          <option value="v2">v2: related seen/unseen manipulations, cue outside the forgery</option>
          <option value="v1">v1: the first benchmark (kept for reproducibility)</option>
        </select>
        <div className="inline">
          <div>
            <label htmlFor="g-size">Image size</label>
            <input id="g-size" name="size" {...invalidProps('g-size', 'size', fieldsOf('generate'))} type="number" min={32} max={1024} defaultValue={imageSize} />
            <FieldError id="g-size" name="size" fields={fieldsOf('generate')} />
          </div>
          <div>
            <label htmlFor="g-seed">Seed</label>
            <input id="g-seed" name="seed" {...invalidProps('g-seed', 'seed', fieldsOf('generate'))} type="number" min={0} defaultValue={1} />
            <FieldError id="g-seed" name="seed" fields={fieldsOf('generate')} />
          </div>
        </div>
        <div className="inline">
          <div>
            <label htmlFor="g-train">Train</label>
            <input id="g-train" name="train" {...invalidProps('g-train', 'train', fieldsOf('generate'))} type="number" min={0} defaultValue={400} />
            <FieldError id="g-train" name="train" fields={fieldsOf('generate')} />
          </div>
          <div>
            <label htmlFor="g-val">Val</label>
            <input id="g-val" name="val" {...invalidProps('g-val', 'val', fieldsOf('generate'))} type="number" min={0} defaultValue={80} />
            <FieldError id="g-val" name="val" fields={fieldsOf('generate')} />
          </div>
          <div>
            <label htmlFor="g-test">Test</label>
            <input id="g-test" name="test" {...invalidProps('g-test', 'test', fieldsOf('generate'))} type="number" min={0} defaultValue={160} />
            <FieldError id="g-test" name="test" fields={fieldsOf('generate')} />
          </div>
        </div>
        <div className="row">
          <button type="submit" disabled={busy}>
            Generate
          </button>
        </div>
      </form>
      <form className="card" onSubmit={importPath} data-testid="import-form">
        <h3>Import images from a server path</h3>
        <label htmlFor="i-path">Path (relative to the worker&apos;s LAE_IMPORT_ROOT)</label>
        <input id="i-path" name="path" {...invalidProps('i-path', 'path', fieldsOf('import'))} required placeholder="datasets/my-set" />
        <FieldError id="i-path" name="path" fields={fieldsOf('import')} />
        <label htmlFor="i-layout">Layout</label>
        <select id="i-layout" name="layout" defaultValue="folder">
          <option value="folder">folder (real/, fake/&lt;manipulation&gt;/, masks/&lt;manipulation&gt;/)</option>
          <option value="faceforensics">FaceForensics++</option>
        </select>
        <label htmlFor="i-masks">Masks found are</label>
        <select id="i-masks" name="masksAs" defaultValue="reference">
          <option value="reference">reference (evaluation and oracle only)</option>
          <option value="training">training masks (count against the budget)</option>
        </select>
        <div className="row">
          <button type="submit" disabled={busy}>
            Import
          </button>
        </div>
      </form>
      <ImportMasksForm projectId={projectId} run={run} busy={busy} fields={fieldsOf('masks')} onSent={() => setSent('masks')} onStarted={(id) => setJobs((j) => [id, ...j])} />
      <ImportVideosForm projectId={projectId} run={run} busy={busy} fields={fieldsOf('videos')} onSent={() => setSent('videos')} onStarted={(id) => setJobs((j) => [id, ...j])} />
      <div className="wide">
        <ErrorLine error={error} />
        {jobs.map((id) => (
          <JobProgress key={id} projectId={projectId} jobId={id} />
        ))}
      </div>
    </div>
  );
}

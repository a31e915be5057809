import Link from 'next/link';
import { browseSamples, getDb, listManipulations, listMaskExports, sampleFilterSchema } from '@lae-studio/db';
import { DataJobs } from '@/components/admin/data-jobs';
import { MaskExports } from '@/components/admin/mask-exports';
import { toMaskExportItem } from '@/contracts/exports';
import { adminProjectPage } from '@/server/admin/page';
import { num } from '@/server/admin/format';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

function Select({ name, value, options }: { name: string; value: string | undefined; options: string[] }) {
  return (
    <div>
      <label htmlFor={`f-${name}`}>{name}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </div>
  );
}

export default async function DataPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Search> }) {
  const { project } = await adminProjectPage(params, '/data');
  const raw = await searchParams;
  // Empty form fields mean "any"; a bad value falls back to no filter rather than an error page.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== ''));
  const parsed = sampleFilterSchema.safeParse(cleaned);
  const filter = parsed.success ? parsed.data : sampleFilterSchema.parse({});
  const db = getDb();
  const [page, manipulations, exports] = await Promise.all([browseSamples(db, { projectId: project.id, filter }), listManipulations(db, { projectId: project.id }), listMaskExports(db, { projectId: project.id })]);
  const base = `/admin/projects/${project.id}/data`;
  const qs = (p: number) => {
    const q = new URLSearchParams(cleaned as Record<string, string>);
    q.set('page', String(p));
    return `${base}?${q}`;
  };
  return (
    <>
      <h2>Add data</h2>
      <DataJobs projectId={project.id} imageSize={project.imageSize} />
      <h2>Export</h2>
      <MaskExports projectId={project.id} initial={exports.map(toMaskExportItem)} />
      <p className="row">
        <Link href={`/admin/projects/${project.id}/models`}>Model artifacts →</Link>
      </p>
      <h2>Samples</h2>
      <form className="filters" method="get" action={base} data-testid="sample-filters">
        <Select name="split" value={filter.split} options={['train', 'val', 'test']} />
        <Select name="label" value={filter.label} options={['real', 'fake']} />
        <Select name="manipulation" value={filter.manipulation} options={manipulations} />
        <Select name="novelty" value={filter.novelty} options={['seen', 'unseen']} />
        <Select name="masked" value={filter.masked} options={['yes', 'no']} />
        <div>
          <button type="submit">Filter</button>
        </div>
      </form>
      <p className="muted" data-testid="sample-count">
        {page.total} samples · page {page.page} of {page.pages}
      </p>
      <div className="thumbs" data-testid="sample-grid">
        {page.samples.map((s) => (
          <Link key={s.id} href={`${base}/${s.id}`} className="thumb">
            <img src={`/api/samples/${s.id}/image`} alt={`${s.label} ${s.manipulation ?? ''}`} loading="lazy" width={96} height={96} />
            <span className="small">
              {s.split} · {s.label}
              {s.manipulation ? ` · ${s.manipulation}` : ''}
            </span>
            <span className="small muted">
              {s.novelty} · {s.masks ? `${s.masks} mask${s.masks > 1 ? 's' : ''}` : 'no mask'} · p(fake) {num(s.pFake, 2)}
            </span>
          </Link>
        ))}
      </div>
      <div className="row">
        {page.page > 1 && <Link href={qs(page.page - 1)}>← previous</Link>}
        {page.page < page.pages && <Link href={qs(page.page + 1)}>next →</Link>}
      </div>
    </>
  );
}

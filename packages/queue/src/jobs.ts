import { z } from 'zod';
import { QUEUES, type QueueName } from './queues.ts';

/**
 * Every job, defined once: name, version, queue, payload schema. Producers (web, CLI, schedulers) and the
 * worker import these; a payload that fails its schema is refused at both ends. Payloads carry ids only —
 * Postgres holds the state, so a job can always be rebuilt from the database.
 */
export interface JobDefinition<S extends z.ZodType> {
  name: string;
  /** Bumped when the payload changes incompatibly; a worker refuses other versions. */
  version: number;
  queue: QueueName;
  payload: S;
  /** Deterministic job id: a duplicate enqueue of the same work is absorbed by BullMQ while it exists. */
  jobId(p: z.infer<S>): string;
  attempts: number;
}

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id');

function define<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export const roundTrigger = z.enum(['manual', 'schedule', 'auto']);
const latestRound = z.object({ number: z.number().int().min(0), status: z.string().regex(/^[a-z]+$/) }).strict();

/** A path relative to LAE_IMPORT_ROOT; checked again by the worker (no "..", no absolute paths, no symlink out). */
const importPath = z.string().min(1).max(500).refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a relative path inside the import root');
const masksAs = z.enum(['training', 'reference']);
/** Which frames of each video become samples: every Nth, or N evenly spaced per video. */
export const frameSampling = z.union([z.object({ every: z.number().int().min(1).max(100_000) }).strict(), z.object({ perVideo: z.number().int().min(1).max(10_000) }).strict()]);

/** What an uploaded file is: a zip in the folder layout or a FaceForensics++ tree, or one real or fake image or video. */
export const uploadContent = z.enum(['folder', 'faceforensics', 'real', 'fake']);

export const JOBS = {
  /**
   * Open the project's next round (if none is active and mask budget remains) and start it; when a round is
   * annotating and an admin or the schedule asks, close its annotation and train now.
   */
  openRound: define({
    name: 'round.open',
    version: 1,
    queue: QUEUES.rounds,
    payload: z
      .object({
        projectId: id,
        trigger: roundTrigger,
        /**
         * The project's latest round (null: none yet) when the request was made. It names the job: requests
         * against the same state (a double click, a retried enqueue) are one job, any state change makes a new
         * one. Absent only in the retrain scheduler's template: the scheduler names its jobs itself.
         */
        after: latestRound.nullable().optional(),
      })
      .strict(),
    jobId: (p) => `round.open.${p.projectId}.${p.after === undefined ? 'unknown' : p.after === null ? 'none' : `${p.after.number}-${p.after.status}`}.${p.trigger}`,
    attempts: 3,
  }),
  /** Score the unmasked training fakes with the round's input model. */
  score: define({
    name: 'score',
    version: 1,
    queue: QUEUES.score,
    payload: z.object({ roundId: id }).strict(),
    jobId: (p) => `score.${p.roundId}`,
    attempts: 5,
  }),
  /** Score one sample on an admin's request (its attention map), with the model the request named (the project's explainer then). */
  explainSample: define({
    name: 'sample.explain',
    version: 1,
    queue: QUEUES.score,
    payload: z.object({ projectId: id, sampleId: id, modelVersionId: id }).strict(),
    jobId: (p) => `sample.explain.${p.modelVersionId}.${p.sampleId}`,
    attempts: 2,
  }),
  /** Pick the round's candidates (acquisition + diversity) and queue annotation tasks. */
  select: define({
    name: 'select',
    version: 1,
    queue: QUEUES.rounds,
    payload: z.object({ roundId: id }).strict(),
    jobId: (p) => `select.${p.roundId}`,
    attempts: 5,
  }),
  /**
   * Simulation: answer the round's open tasks with the samples' ground-truth (reference) masks, as a perfect
   * annotator would (`lae-studio simulate`'s oracle), offered to admins of projects with reference masks.
   */
  oracleAnnotate: define({
    name: 'round.oracle',
    version: 1,
    queue: QUEUES.rounds,
    payload: z.object({ roundId: id }).strict(),
    jobId: (p) => `round.oracle.${p.roundId}`,
    attempts: 3,
  }),
  /** Train the project's no-mask baseline for its current data version (once per version; never promoted). */
  baseline: define({
    name: 'baseline',
    version: 1,
    queue: QUEUES.train,
    payload: z.object({ projectId: id }).strict(),
    jobId: (p) => `baseline.${p.projectId}`,
    attempts: 3,
  }),
  /** Close annotation and train a model version for the round. */
  train: define({
    name: 'train',
    version: 1,
    queue: QUEUES.train,
    payload: z.object({ roundId: id }).strict(),
    jobId: (p) => `train.${p.roundId}`,
    attempts: 3,
  }),
  /** Evaluate the round's model on seen-test and unseen-test, promote it if it is better. */
  evaluate: define({
    name: 'evaluate',
    version: 1,
    queue: QUEUES.train,
    payload: z.object({ roundId: id }).strict(),
    jobId: (p) => `evaluate.${p.roundId}`,
    attempts: 3,
  }),
  /** Generate the synthetic forgery benchmark into a project. */
  generateData: define({
    name: 'data.generate',
    version: 1,
    queue: QUEUES.data,
    payload: z
      .object({
        projectId: id,
        preset: z.enum(['face-swap', 'attribute-edit', 'inpainting', 'all-families']),
        /** Synthetic benchmark version: v2 (border cue outside the forgeries, shared sensor trace) or v1; absent = v1. */
        version: z.enum(['v1', 'v2']).optional(),
        seed: z.number().int().min(0).max(2 ** 31 - 1),
        size: z.number().int().min(32).max(1024),
        counts: z.object({ train: z.number().int().min(0).max(200_000), val: z.number().int().min(0).max(50_000), test: z.number().int().min(0).max(100_000) }).strict(),
        requestId: id,
      })
      .strict(),
    jobId: (p) => `data.generate.${p.requestId}`,
    attempts: 3,
  }),
  /** Import a folder layout or FaceForensics++ tree from a server path (under LAE_IMPORT_ROOT). */
  importData: define({
    name: 'data.import',
    version: 1,
    queue: QUEUES.data,
    payload: z
      .object({
        projectId: id,
        path: importPath,
        layout: z.enum(['folder', 'faceforensics']),
        masksAs,
        seed: z.number().int().min(0).default(0),
        requestId: id,
      })
      .strict(),
    jobId: (p) => `data.import.${p.requestId}`,
    attempts: 2,
  }),
  /** Import masks made in another tool (COCO JSON, Label Studio JSON, a PNG folder) onto a project's samples by file name. */
  importMasks: define({
    name: 'data.import-masks',
    version: 1,
    queue: QUEUES.data,
    payload: z.object({ projectId: id, path: importPath, format: z.enum(['coco', 'label-studio', 'png-folder']), masksAs, requestId: id }).strict(),
    jobId: (p) => `data.import-masks.${p.requestId}`,
    attempts: 2,
  }),
  /** Sample the frames of a folder of videos (folder or FaceForensics++ layout) into a project. */
  importVideos: define({
    name: 'data.import-videos',
    version: 1,
    queue: QUEUES.data,
    payload: z
      .object({ projectId: id, path: importPath, layout: z.enum(['folder', 'faceforensics']), sampling: frameSampling, masksAs, seed: z.number().int().min(0).default(0), requestId: id })
      .strict(),
    jobId: (p) => `data.import-videos.${p.requestId}`,
    attempts: 2,
  }),
  /**
   * Import a file an admin uploaded from the browser (tus, into the shared uploads folder): a zip of the folder
   * layout or a FaceForensics++ tree (images or videos), or one image or video with its label. The upload id
   * starts with the project's id, so a job can only read its own project's uploads.
   */
  importUpload: define({
    name: 'data.import-upload',
    version: 1,
    queue: QUEUES.data,
    payload: z
      .object({
        projectId: id,
        uploadId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'an upload id'),
        /** How to read it: a zip in the folder or FF++ layout, or a single file that is real or fake. */
        content: uploadContent,
        /** For a single fake file: its manipulation's name (a folder name in the layout). */
        manipulation: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash or underscore').optional(),
        sampling: frameSampling,
        masksAs,
        seed: z.number().int().min(0).default(0),
        requestId: id,
      })
      .strict()
      .refine((p) => p.uploadId.startsWith(`${p.projectId}-`), { message: "the upload belongs to another project", path: ['uploadId'] }),
    jobId: (p) => `data.import-upload.${p.requestId}`,
    attempts: 2,
  }),
  /**
   * Build a MaskExport row's file (PNG zip, COCO or Label Studio JSON) and put it into blob storage. The row
   * holds format, project and status: a completed export is never rebuilt, a retry finishes the same row.
   */
  exportMasks: define({
    name: 'data.export-masks',
    version: 1,
    queue: QUEUES.data,
    payload: z.object({ exportId: id }).strict(),
    jobId: (p) => `data.export-masks.${p.exportId}`,
    attempts: 3,
  }),
  /**
   * Re-enqueue what Postgres says is pending but Redis lost, sync the retrain schedulers, expire stale leases.
   * Run by RECONCILE_SCHEDULER (schedulers.ts), which names each run itself; `jobId` names a run asked for now.
   */
  reconcile: define({
    name: 'reconcile',
    version: 1,
    queue: QUEUES.maintenance,
    payload: z.object({}).strict(),
    jobId: () => 'reconcile.now',
    attempts: 1,
  }),
} as const;

export type JobKey = keyof typeof JOBS;

/** Jobs the worker runs as data jobs (imports, generation, exports), outside the round loop. */
export const DATA_JOB_KEYS = ['generateData', 'importData', 'importMasks', 'importVideos', 'importUpload', 'exportMasks'] as const satisfies readonly JobKey[];
export type DataJobKey = (typeof DATA_JOB_KEYS)[number];
export function isDataJob(key: JobKey): key is DataJobKey {
  return (DATA_JOB_KEYS as readonly string[]).includes(key);
}
export type JobPayload<K extends JobKey> = z.infer<(typeof JOBS)[K]['payload']>;

/** The envelope every job's data carries: the definition version and the validated payload. */
export interface JobEnvelope<K extends JobKey = JobKey> {
  v: number;
  payload: JobPayload<K>;
}

export function jobByName(name: string): [JobKey, (typeof JOBS)[JobKey]] | undefined {
  const entry = Object.entries(JOBS).find(([, d]) => d.name === name);
  return entry as [JobKey, (typeof JOBS)[JobKey]] | undefined;
}

export class JobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    message: string,
  ) {
    super(`${jobName}: ${message}`);
    this.name = 'JobPayloadError';
  }
}

/** A validated job: the key tells the payload's type apart (switch on `key`, no casts). */
export type ParsedJob = { [K in JobKey]: { key: K; payload: JobPayload<K> } }[JobKey];

/** Each definition seen through its own key: lets generic code call `jobId`/`payload` with a correlated payload type. */
type Definitions = { [K in JobKey]: { payload: z.ZodType<JobPayload<K>>; jobId(p: JobPayload<K>): string } };
const definitions: Definitions = JOBS;

/** Validate a payload for the job `key` (producer side); throws a JobPayloadError naming the job. */
export function parsePayload<K extends JobKey>(key: K, payload: unknown): JobPayload<K> {
  const parsed = definitions[key].payload.safeParse(payload);
  if (!parsed.success) throw new JobPayloadError(JOBS[key].name, z.prettifyError(parsed.error));
  return parsed.data;
}

/** The deterministic id of a job: the one place job ids are built (retrain and reconcile schedulers: schedulers.ts). */
export function jobIdFor<K extends JobKey>(key: K, payload: JobPayload<K>): string {
  return definitions[key].jobId(payload);
}

/** Validate an incoming job's data against its definition (worker side). */
export function parseJob(name: string, data: unknown): ParsedJob {
  const found = jobByName(name);
  if (!found) throw new JobPayloadError(name, 'unknown job name');
  const [key, def] = found;
  const env = z.object({ v: z.number().int(), payload: z.unknown() }).safeParse(data);
  if (!env.success) throw new JobPayloadError(name, 'job data is not a {v, payload} envelope');
  if (env.data.v !== def.version) throw new JobPayloadError(name, `payload version ${env.data.v}, this worker understands ${def.version}`);
  const payload = def.payload.safeParse(env.data.payload);
  if (!payload.success) throw new JobPayloadError(name, z.prettifyError(payload.error));
  // The payload was parsed by the definition found under `key`: the pair is correlated by construction.
  return { key, payload: payload.data } as ParsedJob;
}

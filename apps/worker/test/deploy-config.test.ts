// docker-compose.yml and the Dockerfile, checked without Docker: every variable a service of our image sets
// must pass the zod schemas of the packages' env.ts (so a value such as LAE_BACKEND=tensorflow, which the lae
// package refuses at start, cannot come back), and the GPU worker must run a CUDA image built with
// @tensorflow/tfjs-node-gpu at build time, pinned to the other @tensorflow packages, not install it at start.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT as root } from '@lae-studio/datasets';
import { POSTGRES_MAJOR } from '@lae-studio/db/postgres-version';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';

type Schema = z.ZodObject;
type Env = Record<string, string>;
interface Service {
  image?: string;
  build?: string | { context?: string; target?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  profiles?: string[];
  deploy?: { resources?: { reservations?: { devices?: { driver?: string; capabilities?: string[] }[] } } };
}
interface Compose {
  services: Record<string, Service>;
}

/** What a user sets before `docker compose up` (the README's commands): the variables compose requires. */
const userEnv: Env = { NEXTAUTH_SECRET: 'x'.repeat(44) };

/**
 * Compose interpolation (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/):
 * `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 * `${VAR+alt}`, with nested expressions in the default. A required variable the environment lacks throws.
 */
function interpolate(input: string, env: Env): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next !== '{') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1));
      if (!m) {
        out += '$';
        i++;
        continue;
      }
      out += env[m[0]] ?? '';
      i += 1 + m[0].length;
      continue;
    }
    // ${…}: find the matching brace, allowing nested ${…} in the operand.
    let depth = 1;
    let j = i + 2;
    for (; j < input.length && depth > 0; j++) {
      if (input[j] === '$' && input[j + 1] === '{') {
        depth++;
        j++;
      } else if (input[j] === '}') depth--;
    }
    if (depth > 0) throw new Error(`unterminated \${ in ${JSON.stringify(input)}`);
    const body = input.slice(i + 2, j - 1);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
    if (!m) throw new Error(`invalid interpolation \${${body}}`);
    const [, name, op, operand = ''] = m;
    const value = env[name!];
    const unsetOrEmpty = value === undefined || value === '';
    const missing = op?.startsWith(':') ? unsetOrEmpty : value === undefined;
    if (!op) out += value ?? '';
    else if (op.endsWith('-')) out += missing ? interpolate(operand, env) : value;
    else if (op.endsWith('?')) {
      if (missing) throw new Error(`required variable ${name} is not set: ${operand}`);
      out += value;
    } else out += missing ? '' : interpolate(operand, env);
    i = j;
  }
  return out;
}

/** A service's `environment` (map or list form) after interpolation; null values (passed from the host) are left out. */
function serviceEnv(service: Service, env: Env): Env {
  const raw = service.environment ?? {};
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((line) => {
        const eq = line.indexOf('=');
        return eq < 0 ? [line, null] : [line.slice(0, eq), line.slice(eq + 1)];
      })
    : Object.entries(raw);
  const out: Env = {};
  for (const [k, v] of entries) if (v !== null && v !== undefined) out[k] = interpolate(String(v), env);
  return out;
}

/** Services that run our image; the others (postgres, redis, minio) are configured by their own images. */
function ours(service: Service): boolean {
  return service.build !== undefined || /^lae-studio[:-]/.test(service.image ?? '');
}

/** Variables of the platforms around the app that a service may set without any env.ts declaring them. */
const foreign = /^(NODE_ENV|NODE_OPTIONS|TZ|NVIDIA_[A-Z_]+|CUDA_[A-Z_]+|TF_[A-Z_]+)$/;

/** Problems with each of our services' environments, as `service: VARIABLE: message` lines. */
function validate(compose: Compose, schemas: Map<string, Schema>, env: Env): string[] {
  const known = new Set([...schemas.values()].flatMap((s) => Object.keys(s.shape)));
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (!ours(service)) continue;
    const vars = serviceEnv(service, env);
    for (const key of Object.keys(vars)) {
      if (!known.has(key) && !foreign.test(key)) problems.push(`${name}: ${key}: not declared by any env.ts`);
    }
    // A schema applies to a service that sets any of its variables (the web schema requires NEXTAUTH_SECRET,
    // which only the web service needs); every schema's optional variables are checked wherever they are set.
    for (const [file, schema] of schemas) {
      if (!Object.keys(schema.shape).some((k) => k in vars)) continue;
      const parsed = schema.safeParse(vars);
      if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${name}: ${issue.path.join('.')}: ${issue.message} (${file})`);
    }
  }
  return problems;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && typeof (v as Schema).safeParse === 'function' && typeof (v as Schema).shape === 'object';
}

/** Every zod object schema exported by apps/* and packages/* `src/env.ts`, by file. */
async function envSchemas(): Promise<Map<string, Schema>> {
  const schemas = new Map<string, Schema>();
  for (const group of ['apps', 'packages']) {
    for (const dir of readdirSync(path.join(root, group))) {
      const file = path.join(root, group, dir, 'src', 'env.ts');
      if (!existsSync(file)) continue;
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const found = Object.entries(mod).filter(([, v]) => isSchema(v));
      // An env.ts that stops exporting its schema would silently drop out of this check.
      expect(found.map(([k]) => k), `${group}/${dir}/src/env.ts exports its zod schema`).not.toEqual([]);
      for (const [k, v] of found) schemas.set(`${group}/${dir}/src/env.ts#${k}`, v as Schema);
    }
  }
  return schemas;
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
let compose: Compose;
let schemas: Map<string, Schema>;

beforeAll(async () => {
  compose = yaml.load(read('docker-compose.yml')) as Compose;
  schemas = await envSchemas();
});

describe('compose interpolation', () => {
  it('resolves defaults, required variables, alternatives and escapes', () => {
    const env = { SET: 'v', EMPTY: '' };
    expect(interpolate('${UNSET:-d}/${SET:-d}/${EMPTY:-d}/${EMPTY-d}', env)).toBe('d/v/d/');
    expect(interpolate('a-${SET}-$SET-$$SET-${UNSET}', env)).toBe('a-v-v-$SET-');
    expect(interpolate('${UNSET:-${SET:-x}-y}', env)).toBe('v-y');
    expect(interpolate('${SET:+alt}|${UNSET:+alt}', env)).toBe('alt|');
    expect(interpolate('${SET:?needed}', env)).toBe('v');
    expect(() => interpolate('${UNSET:?set UNSET}', env)).toThrow('required variable UNSET is not set: set UNSET');
  });
});

describe('docker-compose.yml', () => {
  it('finds the env.ts schemas of the packages the services run', () => {
    const files = [...schemas.keys()].map((k) => k.split('#')[0]);
    for (const f of ['packages/lae/src/env.ts', 'packages/db/src/env.ts', 'packages/queue/src/env.ts', 'packages/datasets/src/env.ts', 'apps/worker/src/env.ts', 'apps/web/src/env.ts']) {
      expect(files).toContain(f);
    }
  });

  it("every service of our image sets only variables its packages' env.ts accept", () => {
    expect(Object.keys(compose.services).filter((n) => ours(compose.services[n]!))).toEqual(expect.arrayContaining(['web', 'worker', 'worker-gpu', 'migrate']));
    expect(validate(compose, schemas, userEnv)).toEqual([]);
    // The S3 profile's settings are valid too.
    expect(validate(compose, schemas, { ...userEnv, STORAGE_DRIVER: 's3' })).toEqual([]);
  });

  it('would catch LAE_BACKEND=tensorflow (what worker-gpu used to set) and unknown variables', () => {
    const broken = structuredClone(compose);
    const gpu = broken.services['worker-gpu']!;
    gpu.environment = { ...(gpu.environment as Record<string, string>), LAE_BACKEND: 'tensorflow', LAE_BAKEND: 'wasm' };
    const problems = validate(broken, schemas, userEnv);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^worker-gpu: LAE_BACKEND: .*packages\/lae\/src\/env\.ts/), 'worker-gpu: LAE_BAKEND: not declared by any env.ts']),
    );
    expect(problems.every((p) => p.startsWith('worker-gpu: '))).toBe(true);
  });

  it(`runs PostgreSQL ${POSTGRES_MAJOR}, the major the embedded default and the tests use`, () => {
    expect((compose.services.postgres as { image?: string }).image).toBe(`postgres:${POSTGRES_MAJOR}`);
  });

  it('needs the variables it marks required', () => {
    expect(() => validate(compose, schemas, {})).toThrow(/required variable NEXTAUTH_SECRET is not set/);
  });
});

describe('the GPU worker', () => {
  const stages = () => new Map([...read('Dockerfile').matchAll(/^FROM\s+(\S+)\s+AS\s+(\S+)/gim)].map((m) => [m[2]!, m[1]!]));
  const dockerArg = (name: string) => new RegExp(`^ARG ${name}=(\\S+)`, 'm').exec(read('Dockerfile'))?.[1];

  it('runs the Dockerfile target `gpu` with the GPU backend asked for by name, a GPU reserved, nothing installed at start', () => {
    const gpu = compose.services['worker-gpu']!;
    expect(gpu.build).toMatchObject({ target: 'gpu' });
    expect(stages().has('gpu')).toBe(true);
    // Its own tag: the CPU services' image must not be overwritten by the CUDA one (or the other way round).
    expect(gpu.image).toBeDefined();
    expect(gpu.image).not.toBe(compose.services.web!.image);
    expect(serviceEnv(gpu, userEnv)).toMatchObject({ LAE_BACKEND: 'tfjs-node-gpu', LAE_WORKER_QUEUES: 'train' });
    expect(gpu.profiles).toEqual(['gpu']);
    expect(gpu.deploy?.resources?.reservations?.devices).toEqual([expect.objectContaining({ driver: 'nvidia', capabilities: ['gpu'] })]);
    const command = ([] as string[]).concat(gpu.command ?? []).join(' ');
    expect(command).not.toMatch(/\bnpm\s+(i|install|ci|add)\b|\bnpx\s+-y\b/);
    expect(command).toContain('apps/worker/src/main.ts');
  });

  it('the CPU services build the `runtime` target', () => {
    for (const name of ['web', 'worker', 'migrate']) expect(compose.services[name]!.build).toMatchObject({ target: 'runtime' });
    expect(stages().get('runtime')).toMatch(/^base$/);
    expect([...stages().keys()].at(-1)).toBe('runtime'); // `docker build .` still gives the CPU image
  });

  it('is built on CUDA 11.2 + cuDNN 8 with tfjs-node-gpu pinned to the version of the other @tensorflow packages', () => {
    expect(stages().get('gpu')).toBe('${CUDA_IMAGE}');
    expect(dockerArg('CUDA_IMAGE')).toMatch(/^nvidia\/cuda:11\.2\.\d+-cudnn8-runtime-ubuntu\d+\.\d+$/);
    const lae = JSON.parse(read('packages/lae/package.json')) as { dependencies: Record<string, string> };
    const versions = new Set(Object.entries(lae.dependencies).filter(([k]) => k.startsWith('@tensorflow/')).map(([, v]) => v));
    expect(versions.size).toBe(1);
    expect(dockerArg('TFJS_VERSION')).toBe([...versions][0]);
    expect(read('Dockerfile')).toMatch(/RUN npm i --no-save [^\n]*-E "@tensorflow\/tfjs-node-gpu@\$\{TFJS_VERSION\}"/);
  });
});

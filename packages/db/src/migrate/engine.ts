import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { migrationAdapterFactory } from './adapter.ts';

const require = createRequire(import.meta.url);
let initialised: Promise<void> | undefined;

/**
 * Instantiate Prisma's schema engine (WASM build) once per process. Its package entry imports the .wasm
 * as an ES module, which Node 20 only allows behind --experimental-wasm-modules, so we instantiate the
 * bytes ourselves with the package's glue as the import object. Its timers are unref'd so that a CLI
 * command exits when its work is done instead of lingering ~10 s.
 */
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    // The .wasm is not in the package's exports map: locate it beside the glue module.
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const imports: Record<string, unknown> = { ...glue };
    for (const [name, fn] of Object.entries(glue)) {
      if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
        imports[name] = (cb: () => void, ms: number) => {
          const t = setTimeout(cb, ms >>> 0);
          t.unref();
          return t;
        };
      }
    }
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': imports as WebAssembly.ModuleImports });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start: () => void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return initialised;
}

export interface EngineHandle {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** Open a schema engine on `url` with the given schema. Always close() it (it owns connection pools). */
export async function openEngine(url: string, schema: { path: string; content: string }, log: (line: string) => void = () => {}): Promise<EngineHandle> {
  await initialiseWasm();
  const factory = migrationAdapterFactory(url);
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (message: string) => log(message),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    async close() {
      try {
        engine.free();
      } finally {
        await factory.close();
      }
    },
  };
}

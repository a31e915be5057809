// `npm run db:migrate | db:deploy | db:check` — migrations through Prisma's WASM schema engine.
import { requireDatabaseUrl } from '../env.ts';
import { checkMigrations, createMigration, deployMigrations, migrationStatus } from './index.ts';

const [command, ...rest] = process.argv.slice(2);
const usage = 'usage: migrate <create [name] | deploy | check | status>';

async function main(): Promise<number> {
  const url = requireDatabaseUrl();
  switch (command) {
    case 'create': {
      const name = (rest[0] ?? 'change').replace(/[^a-zA-Z0-9_]+/g, '_');
      const dir = await createMigration({ url, name });
      console.log(dir ? `Created and applied ${dir}` : 'Schema and migrations already match: no migration created.');
      return 0;
    }
    case 'deploy': {
      const applied = await deployMigrations({ url });
      console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'No pending migrations.');
      return 0;
    }
    case 'check': {
      const missing = await checkMigrations({ url });
      if (missing === null) {
        console.log('OK: prisma/migrations matches prisma/schema.prisma.');
        return 0;
      }
      console.error('prisma/schema.prisma has changes that no migration covers. Run `npm run db:migrate -- <name>`.\nMissing SQL:\n' + missing);
      return 1;
    }
    case 'status': {
      console.log(JSON.stringify(await migrationStatus({ url }), null, 2));
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

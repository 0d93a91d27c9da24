// The hub's one way to PostgreSQL, on either engine (issue 18): PGlite — the real Postgres engine
// in WASM, in a data folder — for an owner who just runs `npm run hub`, or a PostgreSQL server
// through `pg` for production. Both drivers are used as they are; this only gives them one shape:
// parameterised queries, a script, and a transaction whose queries run on one connection.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

/** What runs inside a transaction (and outside one): one statement with $1… parameters. */
export type Queryable = {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
};

export type HubDb = Queryable & {
  engine: 'pglite' | 'postgres';
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** `work` on one connection between BEGIN and COMMIT; ROLLBACK when it throws. */
  tx<T>(work: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export async function openPglite(dataDir: string | null): Promise<HubDb> {
  return wrapPglite(dataDir === null ? await PGlite.create() : await PGlite.create(dataDir));
}

/** One shape over a PGlite instance someone else holds too (the benchmark COPYs into the same one). */
export function wrapPglite(db: PGlite): HubDb {
  // PGlite is one connection: a transaction holds it, so every other query waits in turn.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  const query = async <T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> => (await db.query<T>(sql, [...params])).rows;
  return {
    engine: 'pglite',
    query: (sql, params) => serial(() => query(sql, params)),
    exec: (sql) => serial(async () => void (await db.exec(sql))),
    tx: (work) => serial(() => db.transaction((t) => work({ query: async (sql, params = []) => (await t.query(sql, [...params])).rows as never }))),
    close: () => serial(() => db.close()),
  };
}

export async function openPostgres(connectionString: string): Promise<HubDb> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A server that is not there fails here, at start, not at the first counter's batch.
  await pool.query('SELECT 1');
  return {
    engine: 'postgres',
    query: async (sql, params = []) => (await pool.query(sql, [...params])).rows,
    exec: async (sql) => void (await pool.query(sql)),
    async tx(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await work({ query: async (sql, params = []) => (await client.query(sql, [...params])).rows });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

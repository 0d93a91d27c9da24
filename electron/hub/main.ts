// `npm run hub`: Loket Pusat on an embedded PostgreSQL (PGlite) in a data folder, or on a
// PostgreSQL server with --database postgres://… (issue 18). Prints the owner's link; the token in
// it is also the Bearer token of the owner's API.
import os from 'node:os';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { openPglite, openPostgres, type HubDb } from './db/connection';
import { migrateHub } from './db/migrations';
import { createHub } from './hub';
import { startHubServer } from './server';
import { ensureRenderer, RENDERER_OUT } from '../web/build-renderer';
import { readFlags } from '../app/cli-flags';

const DEFAULT_PORT = 4790;

function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, 'Loket', 'pusat');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Loket', 'pusat');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'loket', 'pusat');
}

function fail(message: string): never {
  process.stderr.write(`loket-pusat: ${message}\n`);
  process.exit(2);
}

type Args = { port: number; data: string; database: string | null; host: string; page: boolean };

function parseArgs(argv: readonly string[]): Args {
  let port = process.env.LOKET_HUB_PORT;
  let data = process.env.LOKET_HUB_DATA_DIR;
  let database: string | null = process.env.LOKET_HUB_DATABASE ?? null;
  let host = '127.0.0.1';
  let page = true;
  readFlags(
    argv,
    (flag, value) => {
      if (flag === '--port') port = value();
      else if (flag === '--data') data = value();
      else if (flag === '--database') database = value();
      else if (flag === '--host') host = value();
      else if (flag === '--api-only') page = false;
      else return false;
      return true;
    },
    fail,
    'npm run hub -- [--port <n>] [--data <dir>] [--database postgres://…] [--host <address>] [--api-only]',
  );
  const p = port === undefined ? DEFAULT_PORT : Number(port);
  if (!Number.isInteger(p) || p < 0 || p > 65535) fail(`--port must be 0–65535, got ${port}`);
  if (database !== null && !/^postgres(ql)?:\/\//.test(database)) fail('--database must be a postgres:// URL');
  return { port: p, data: path.resolve(data ?? defaultDataDir()), database, host, page };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let db: HubDb;
  if (args.database) {
    db = await openPostgres(args.database).catch((e: unknown) => fail(`cannot reach PostgreSQL: ${(e as Error).message}`));
  } else {
    mkdirSync(args.data, { recursive: true });
    db = await openPglite(path.join(args.data, 'pgdata'));
  }
  await migrateHub(db);
  const hub = await createHub(db);
  // The owner's screen is the renderer's second page (pusat.html), built when its sources changed.
  if (args.page && !ensureRenderer()) fail('the owner\'s screen could not be built (npm run build shows why)');
  const server = await startHubServer(hub, { port: args.port, host: args.host, ...(args.page ? { staticDir: RENDERER_OUT } : {}) }).catch((e: unknown) =>
    fail((e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${args.port} is in use; choose another with --port <n>` : String(e)),
  );
  process.stdout.write(`Loket Pusat: ${server.url}/?token=${hub.ownerToken}\n`);
  process.stdout.write(`  database: ${args.database ? 'PostgreSQL server' : `PGlite in ${args.data}`}\n`);
  const stop = (): void => {
    void server.close().then(() => db.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

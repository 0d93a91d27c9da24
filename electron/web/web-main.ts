// Web mode itself, run by the launcher (cli.ts) from a bundle of the core. In this order, so
// nothing is touched that a refusal would leave half-done: the data folder is claimed (a second
// Loket on it stops here); the port is bound (a taken port stops here, before the ledger is
// opened); only then is the ledger opened and the core started. The printed URL carries the
// launch token: opening it is the only way in (sessions.ts).
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { startLoketRuntime } from '../app/loket-runtime';
import { claimDataFolder, FolderBusyError, type DataFolder } from '../app/data-folder';
import { envKeySource, fileKeySource } from '../secrets/file-key-source';
import { bindLoopback, startWebHost } from './server';
import { readFlags } from '../app/cli-flags';

const DEFAULT_PORT = 4780;

export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, 'Loket', 'web');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Loket', 'web');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'loket', 'web');
}

function fail(message: string, code = 2): never {
  process.stderr.write(`loket: ${message}\n`);
  process.exit(code);
}

/** `hub`, `hubCode`: enroll in Loket Pusat at start (issue 18), as Pengaturan → Pusat does. */
type Args = { port: number; data: string; open: boolean; hub: string | null; hubCode: string | null };

function parseArgs(argv: readonly string[]): Args {
  let port: string | undefined = process.env.LOKET_PORT;
  let data: string | undefined = process.env.LOKET_DATA_DIR;
  let open = false;
  let hub: string | null = null;
  let hubCode: string | null = null;
  readFlags(
    argv,
    (flag, value) => {
      if (flag === '--port') port = value();
      else if (flag === '--data') data = value();
      else if (flag === '--open') open = true;
      else if (flag === '--hub') hub = value();
      else if (flag === '--hub-code') hubCode = value();
      else return false;
      return true;
    },
    fail,
    'npm run web -- [--port <n>] [--data <dir>] [--open] [--hub <url> --hub-code <code>]   (env: LOKET_PORT, LOKET_DATA_DIR, LOKET_MASTER_KEY)',
  );
  const portNumber = port === undefined ? DEFAULT_PORT : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) fail(`--port must be 0–65535, got ${port}`);
  if ((hub === null) !== (hubCode === null)) fail('--hub and --hub-code go together');
  return { port: portNumber, data: path.resolve(data ?? defaultDataDir()), open, hub, hubCode };
}

/** The system's browser on the token URL (only with --open: a started server opens nothing by itself). */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('loket: could not open a browser; open the URL above yourself\n'));
  child.unref();
}

/** `rendererDir`: the built renderer; `version`: the app's (package.json). */
export async function runWebMode(opts: { argv: readonly string[]; rendererDir: string; version: string }): Promise<void> {
  const args = parseArgs(opts.argv);
  const scale = process.env.LOKET_TIME_SCALE ? Number(process.env.LOKET_TIME_SCALE) : 1;
  if (!(scale > 0 && scale <= 1)) fail('LOKET_TIME_SCALE must be a number in (0, 1]');
  const version = opts.version;

  let folder: DataFolder;
  try {
    folder = claimDataFolder(args.data);
  } catch (e) {
    fail(e instanceof FolderBusyError ? `${e.message} Tutup Loket yang lain dulu, atau pakai --data <folder lain>.` : String(e), 1);
  }
  let server: http.Server;
  try {
    server = await bindLoopback(args.port);
  } catch (e) {
    folder.release();
    const code = (e as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${args.port} is in use; choose another with --port <n>` : String(e), 1);
  }

  const loket = await startLoketRuntime({
    dataDir: args.data,
    folder,
    host: 'web',
    version,
    keySource: process.env.LOKET_MASTER_KEY ? envKeySource(process.env.LOKET_MASTER_KEY) : fileKeySource(args.data),
    timeScale: scale,
  });
  const web = await startWebHost({ handlers: loket.handlers, staticDir: opts.rendererDir, server, log: loket.log, onSessionEnd: (id) => loket.forgetSession(id) });
  loket.start();
  process.stdout.write(`Loket web mode: ${web.tokenUrl}\n`);
  process.stdout.write(`  data: ${args.data}\n  mode: ${loket.current().settings.mode() === 'training' ? 'TRAINING (simulators)' : 'production'}\n`);
  process.stdout.write('  Buka tautan di atas (dengan token) di peramban; tanpa token Loket tidak melayani. / Open the link above, token included.\n');
  if (args.open) openBrowser(web.tokenUrl);
  if (args.hub && args.hubCode) {
    const hub = loket.current().hub;
    if (hub.status().linked) process.stdout.write(`  Loket Pusat: already linked to ${hub.status().url}; --hub ignored\n`);
    else {
      const r = await hub.enroll(args.hub, args.hubCode);
      process.stdout.write(r.ok ? `  Loket Pusat: ${r.value.counter} at ${r.value.outlet} (${r.value.url})\n` : `  Loket Pusat: not enrolled — ${r.error.message}\n`);
    }
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void web
      .close()
      .then(() => loket.stop())
      .then(() => folder.release())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}


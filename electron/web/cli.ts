// `npm run web -- [--port <n>] [--data <dir>]` (or LOKET_PORT / LOKET_DATA_DIR).
import { readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLoket } from '../app/create-loket';
import { envKeySource, fileKeySource } from '../secrets/file-key-source';
import { startWebHost } from './server';

const DEFAULT_PORT = 4780;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, 'Loket', 'web');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Loket', 'web');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'loket', 'web');
}

function fail(message: string): never {
  process.stderr.write(`loket: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { port: number; data: string } {
  let port: string | undefined = process.env.LOKET_PORT;
  let data: string | undefined = process.env.LOKET_DATA_DIR;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    if (flag === '--port') port = value();
    else if (flag === '--data') data = value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('npm run web -- [--port <n>] [--data <dir>]   (env: LOKET_PORT, LOKET_DATA_DIR, LOKET_MASTER_KEY)\n');
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  const portNumber = port === undefined ? DEFAULT_PORT : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) fail(`--port must be 0–65535, got ${port}`);
  return { port: portNumber, data: path.resolve(data ?? defaultDataDir()) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const staticDir = path.join(repoRoot, 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) fail(`no built renderer in ${staticDir}; run "npm run build" first`);
  const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const scale = process.env.LOKET_TIME_SCALE ? Number(process.env.LOKET_TIME_SCALE) : 1;
  if (!(scale > 0 && scale <= 1)) fail('LOKET_TIME_SCALE must be a number in (0, 1]');

  const loket = await createLoket({
    dataDir: args.data,
    host: 'web',
    version,
    keySource: process.env.LOKET_MASTER_KEY ? envKeySource(process.env.LOKET_MASTER_KEY) : fileKeySource(args.data),
    timeScale: scale,
  });
  let web;
  try {
    web = await startWebHost({ handlers: loket.handlers, staticDir, port: args.port, log: loket.log });
  } catch (e) {
    await loket.stop();
    const code = (e as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${args.port} is in use; choose another with --port <n>` : String(e));
  }
  loket.start();
  process.stdout.write(`Loket web mode: ${web.url}\n`);
  process.stdout.write(`  data: ${args.data}\n  mode: ${loket.settings.mode() === 'training' ? 'TRAINING (simulators)' : 'production'}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void web
      .close()
      .then(() => loket.stop())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

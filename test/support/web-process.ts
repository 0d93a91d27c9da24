// Starts web mode as `npm run web` does — builds what changed, then the core's bundle with plain
// Node — and waits for its printed line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { prepareWebMode } from '../../electron/web/prepare';
import { CORE_BUNDLE } from '../../electron/web/build-core';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const WEB_LINE = /^Loket web mode: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))$/;

export type WebProcess = { tokenUrl: string; port: number; proc: ChildProcess; stderr(): string; stop(): Promise<void> };

let prepared = false;

export function spawnWeb(args: string[], env: Record<string, string> = {}): ChildProcess {
  if (!prepared && !prepareWebMode()) throw new Error('the renderer did not build');
  prepared = true;
  return spawn(process.execPath, [CORE_BUNDLE, ...args], {
    cwd: root,
    env: { ...process.env, LOKET_TIME_SCALE: '0.05', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the running process once it printed its URL; rejects if it exits first. */
export function startWebProcess(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<WebProcess> {
  const proc = spawnWeb(args, env);
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start: ${stderr}`)), timeoutMs);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const m = WEB_LINE.exec(line);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        tokenUrl: m[1]!,
        port: Number(m[2]),
        proc,
        stderr: () => stderr,
        stop: () =>
          new Promise((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited ${code}: ${stderr}`));
    });
  });
}

/** Runs web mode expecting it to refuse to start: its exit code and what it said. */
export function refusedStart(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const proc = spawnWeb(args);
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout!.resume();
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, stderr })));
}

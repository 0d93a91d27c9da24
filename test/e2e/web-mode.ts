// Starts web mode exactly as a user does (the CLI), on a free port with a fresh data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test, type Page } from '@playwright/test';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type WebMode = { url: string; dataDir: string; stop(): Promise<void> };

/** A call to the running core, as the page makes it (POST /api/<name>, JSON). */
export async function api(url: string, name: string, body: object): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const r = await fetch(`${url}api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await r.json()) as { ok: boolean };
}

export const E2E_OWNER = { name: 'Pemilik', pin: '1234' };

/**
 * Starts web mode. Unless `signedOut`, the owner's account is made and a shift opened through
 * the API first, as an owner does on day one — the specs about selling start at the counter.
 */
export async function startWebMode(env: Record<string, string> = {}, opts: { signedOut?: boolean } = {}): Promise<WebMode> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loket-e2e-'));
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', '--port', '0', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, LOKET_TIME_SCALE: '0.05', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start: ${stderr}`)), 20_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const m = /^Loket web mode: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`web mode exited ${code}: ${stderr}`)));
  });
  if (!opts.signedOut) {
    const owner = await api(url, 'counter.setupOwner', E2E_OWNER);
    const shift = await api(url, 'shift.open', { openingFloat: 0 });
    if (!owner.ok || !shift.ok) throw new Error(`could not sign in the e2e owner: ${JSON.stringify([owner, shift])}`);
  }
  return {
    url,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export const SHOTS = path.join(root, 'test-results', 'screenshots');

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Records window.print() instead of opening the browser's dialog. */
export async function stubPrint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed += 1;
    };
  });
}

/** One web host for a spec file: started before its first test, stopped after its last. */
export function webModeForFile(env: Record<string, string> = {}, opts: { signedOut?: boolean } = {}): () => WebMode {
  let app: WebMode | null = null;
  test.beforeAll(async () => {
    app = await startWebMode(env, opts);
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  return () => {
    if (!app) throw new Error('web mode is not running');
    return app;
  };
}

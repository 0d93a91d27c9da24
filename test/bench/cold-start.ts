// Web mode's cold start, as a user meets it on a built tree: `npm run web`'s two steps (the check
// that nothing needs building, then the core's bundle) start, the token URL is printed, and the
// browser shows the sign-in screen ready for typing. Against the floor: `node -e ''` started the
// same way (a spawned process, timed to its exit), in the same run, rounds interleaved.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { prepareWebMode } from '../../electron/web/prepare';
import { CORE_BUNDLE } from '../../electron/web/build-core';
import { median } from './stats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LINE = /^Loket web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/;

export type ColdStart = { nodeMs: number; lineMs: number; interactiveMs: number; firstLineMs: number; rounds: number };

function nodeNoop(): Promise<number> {
  const t = performance.now();
  return new Promise((resolve) => spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).once('exit', () => resolve(performance.now() - t)));
}

async function loketStart(dataDir: string, page: import('@playwright/test').Page): Promise<{ line: number; interactive: number }> {
  const t = performance.now();
  const check = spawn(process.execPath, ['--import', 'tsx', 'electron/web/prepare.ts'], { cwd: root, stdio: 'ignore' });
  await new Promise((resolve) => check.once('exit', resolve));
  const proc = spawn(process.execPath, [CORE_BUNDLE, '--port', '0', '--data', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (l) => {
        const m = LINE.exec(l);
        if (m) resolve(m[1]!);
      });
      proc.once('exit', (code) => reject(new Error(`web mode exited ${code}`)));
    });
    const line = performance.now() - t;
    await page.goto(url);
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'sign-in-name');
    return { line, interactive: performance.now() - t };
  } finally {
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  }
}

export async function benchColdStart(rounds: number): Promise<ColdStart> {
  if (!prepareWebMode()) throw new Error('the renderer did not build');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loket-bench-start-'));
    const fresh = async (): Promise<{ line: number; interactive: number }> => {
      const context = await browser.newContext();
      try {
        return await loketStart(dataDir, await context.newPage());
      } finally {
        await context.close();
      }
    };
    // The first start makes the ledger and the key (a new outlet's day one); reported apart.
    const first = await fresh();
    await nodeNoop();
    const node: number[] = [];
    const line: number[] = [];
    const interactive: number[] = [];
    for (let i = 0; i < rounds; i++) {
      node.push(await nodeNoop());
      const r = await fresh();
      line.push(r.line);
      interactive.push(r.interactive);
    }
    return { nodeMs: median(node), lineMs: median(line), interactiveMs: median(interactive), firstLineMs: first.line, rounds };
  } finally {
    await browser.close();
  }
}

// Durable sales per second (the full sale service, every state change fsynced, with an instant
// in-process provider: no network) against what the disk itself does: fdatasync per second.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { delivered, scriptedCore } from '../support/scripted-core';

export function fsyncRate(dir: string, ms = 1500): number {
  const fd = openSync(path.join(dir, 'fsync.probe'), 'w');
  const block = Buffer.alloc(4096, 7);
  let n = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    writeSync(fd, block, 0, block.length, 0);
    fdatasyncSync(fd);
    n++;
  }
  closeSync(fd);
  return (n * 1000) / ms;
}

export async function durableSalesRate(sales: number): Promise<{ perSecond: number; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loket-durable-'));
  let t = 0;
  const core = scriptedCore({
    file: path.join(dir, 'loket.db'),
    purchase: () => ({ kind: 'success', delivered: delivered(String(10n ** 20n + BigInt(++t)).slice(1)) }),
  });
  const started = performance.now();
  for (let i = 0; i < sales; i++) {
    const s = await core.sell(String(20_000_000_000 + i));
    if (s.state !== 'succeeded') throw new Error('durable sale failed');
  }
  const perSecond = (sales * 1000) / (performance.now() - started);
  core.db.close();
  return { perSecond, dir };
}

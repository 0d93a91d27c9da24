// One Loket per data folder, and a refused start touches nothing: a second web mode on the same
// folder stops with a clear message while the first keeps selling; a web mode whose port is taken
// stops before its ledger exists.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './harness';
import { enterWebMode } from '../support/web-client';
import { refusedStart, startWebProcess, type WebProcess } from '../support/web-process';

let first: WebProcess;
const dataDir = tempDir('loket-one-');

beforeAll(async () => {
  first = await startWebProcess(['--port', '0', '--data', dataDir]);
}, 120_000);
afterAll(async () => {
  await first?.stop();
});

describe('one Loket per data folder', () => {
  it('a second start on the same folder exits non-zero with the message, and the first keeps selling', async () => {
    const second = await refusedStart(['--port', '0', '--data', dataDir]);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('Loket sudah berjalan untuk folder data ini');

    const till = await enterWebMode(first.tokenUrl);
    expect((await till.call('counter.setupOwner', { name: 'Pemilik', pin: '1234' })).ok).toBe(true);
    expect((await till.call('shift.open', { openingFloat: 0 })).ok).toBe(true);
    const inq = (await till.call('pln.inquire', { customerNumber: '14233784991' })).value as { inquiryId: string; options: { denomination: number; amounts: { total: number } }[] };
    const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
    const sale = await till.call('sale.startPlnToken', { clientRequestId: 'one-loket-1', inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: total } });
    expect(sale.ok).toBe(true);
  });

  it('a start whose port is taken stops before its ledger is touched', async () => {
    const other = tempDir('loket-port-');
    const refused = await refusedStart(['--port', String(first.port), '--data', other]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/port \d+ is in use/);
    expect(existsSync(path.join(other, 'loket.db'))).toBe(false);
    expect(readdirSync(other).filter((f) => f.startsWith('loket.db'))).toEqual([]);
  });
});

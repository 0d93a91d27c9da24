// Durable sales per second (the full sale service, every state change fsynced, with an instant
// in-process provider: no network) against what the disk itself does: fdatasync per second.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger } from '../../electron/db/connection';
import { createVault } from '../../electron/secrets/vault';
import { createSettingsService } from '../../electron/services/settings/settings-service';
import { createSalesService } from '../../electron/services/sales/sales-service';
import { DEFAULT_ADVICE_TIMING } from '../../electron/services/sales/advice-ladder';
import { silentLogger } from '../../electron/log/logger';
import type { PlnPrepaidProvider } from '../../electron/providers/contract';

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
  const db = openLedger(path.join(dir, 'loket.db'));
  const vault = createVault(db, { description: 'x', getKey: async () => ({ ok: false, reason: 'none' }) }, Date.now);
  const settings = createSettingsService(db, vault, Date.now);
  let t = 0;
  const provider: PlnPrepaidProvider = {
    name: 'vsi',
    inquire: async ({ customerNumber }) => ({
      ok: true,
      value: { inquiryRef: 'A'.repeat(32), meterNumber: customerNumber, idpel: `5${customerNumber}`, name: 'X', tariff: 'R1', powerVa: 900, tariffPower: 'R1/900 VA', providerAdmin: 1600, unsoldTokens: 0 },
    }),
    purchase: async () => ({
      kind: 'success',
      issued: {
        token: String(10n ** 20n + BigInt(++t)).slice(1),
        kwh: '70.1', payRef: null, adviceRef: null, vendorTime: null, chargedNominal: 101_600, providerAdmin: 1600,
        taxes: { ppn: '0', ppj: '0', materai: '0', angsuran: '0' }, meterNumber: '', idpel: '', name: 'X', tariff: 'R1', powerVa: 900, tariffPower: 'R1/900 VA', providerCode: '0000',
      },
    }),
    advise: async () => ({ kind: 'uncertain', notFound: false, error: { code: 'provider_timeout', message: '', detail: '', providerCode: null } }),
  };
  const service = createSalesService({
    db, now: Date.now, log: silentLogger, providers: { plnPrepaid: async () => ({ ok: true, value: provider }) }, settings,
    checkpoint: async () => undefined, adviceTiming: DEFAULT_ADVICE_TIMING, startWaitMs: 60_000, inquiryTtlMs: 60_000, onScheduleChange: () => undefined,
  });
  const started = performance.now();
  for (let i = 0; i < sales; i++) {
    const inq = await service.inquire(String(20_000_000_000 + i));
    if (!inq.ok) throw new Error(inq.error.message);
    const s = await service.start({ clientRequestId: `d-${i}`, inquiryId: inq.value.inquiryId, denomination: 100_000, tendered: 101_600 });
    if (!s.ok || s.value.state !== 'succeeded') throw new Error('durable sale failed');
  }
  const perSecond = (sales * 1000) / (performance.now() - started);
  db.close();
  return { perSecond, dir };
}

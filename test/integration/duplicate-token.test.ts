// Service level with a scripted provider: the defences that no honest simulator triggers.
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/db/connection';
import { createVault } from '../../electron/secrets/vault';
import { createSettingsService } from '../../electron/services/settings/settings-service';
import { createSalesService } from '../../electron/services/sales/sales-service';
import { DEFAULT_ADVICE_TIMING } from '../../electron/services/sales/advice-ladder';
import { getSale } from '../../electron/db/queries/sales';
import { silentLogger } from '../../electron/log/logger';
import type { PlnPrepaidProvider, PlnTokenIssued, PurchaseOutcome } from '../../electron/providers/contract';

function issued(token: string, chargedNominal: number | null = 101_600): PlnTokenIssued {
  return {
    token,
    kwh: '70.1',
    payRef: null,
    adviceRef: null,
    vendorTime: null,
    chargedNominal,
    providerAdmin: 1600,
    taxes: { ppn: '0', ppj: '0', materai: '0', angsuran: '0' },
    meterNumber: '14233784991',
    idpel: '514233784991',
    name: 'SITI',
    tariff: 'R1',
    powerVa: 1300,
    tariffPower: 'R1/1300 VA',
    providerCode: '0000',
  };
}

function setup(purchase: () => PurchaseOutcome, advise: () => PurchaseOutcome = purchase) {
  const db = openLedger(':memory:');
  const vault = createVault(db, { description: 't', getKey: async () => ({ ok: false, reason: 'none' }) }, Date.now);
  const settings = createSettingsService(db, vault, Date.now);
  let n = 0;
  const provider: PlnPrepaidProvider = {
    name: 'vsi',
    inquire: async () => ({
      ok: true,
      value: { inquiryRef: 'A'.repeat(32), meterNumber: `1423378499${n++ % 10}`, idpel: '', name: 'SITI', tariff: 'R1', powerVa: 1300, tariffPower: 'R1/1300 VA', providerAdmin: 1600, unsoldTokens: 0 },
    }),
    purchase: async () => purchase(),
    advise: async () => advise(),
  };
  const sales = createSalesService({
    db,
    now: Date.now,
    log: silentLogger,
    providers: { plnPrepaid: async () => ({ ok: true, value: provider }) },
    settings,
    checkpoint: async () => undefined,
    adviceTiming: { ...DEFAULT_ADVICE_TIMING, scale: 0.001 },
    startWaitMs: 2_000,
    inquiryTtlMs: 60_000,
    onScheduleChange: () => undefined,
  });
  const sell = async () => {
    const inq = await sales.inquire('14233784991');
    if (!inq.ok) throw new Error(inq.error.message);
    const r = await sales.start({ clientRequestId: `r-${Math.random()}`, inquiryId: inq.value.inquiryId, denomination: 100_000, tendered: 101_600 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { db, sales, sell };
}

describe('defences against a provider that answers wrongly', () => {
  it('a token already recorded on another sale is never handed out again: review, not success', async () => {
    const { sell } = setup(() => ({ kind: 'success', issued: issued('11112222333344445555') }));
    const first = await sell();
    expect(first.state).toBe('succeeded');
    const second = await sell();
    expect(second.state).toBe('review');
    expect(second.reviewReason).toBe('duplicate_token');
    expect(second.token).toBeNull();
  });

  it('an amount the provider charged that matches neither denomination nor denomination+admin is flagged, the token still delivered', async () => {
    const { db, sell } = setup(() => ({ kind: 'success', issued: issued('99998888777766665555', 150_000) }));
    const sale = await sell();
    expect(sale.state).toBe('succeeded');
    expect(JSON.parse(getSale(db, sale.id)!.vendor_json!).amountMismatch).toBe(true);
  });

  it('a provider client that throws mid-PAY leaves the sale pending, never failed and never re-bought', async () => {
    let calls = 0;
    const { sales, sell } = setup(() => {
      calls++;
      throw new Error('socket hang up');
    }, () => ({ kind: 'uncertain', notFound: false, error: { code: 'provider_timeout', message: '', detail: '', providerCode: null } }));
    const sale = await sell();
    expect(sale.state).toBe('pending');
    await sales.checkStatus(sale.id);
    expect(calls).toBe(1);
  });
});

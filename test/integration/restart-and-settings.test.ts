import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startVsiSimulator } from '../../electron/simulators/vsi/server';
import { getSale } from '../../electron/db/queries/sales';
import { isFinal, sellToken, startCore, tempDir, waitFor } from './harness';

describe('restart', () => {
  it('a pending sale survives a restart and is resolved by the next run (same trxid, no new PAY)', async () => {
    const dataDir = tempDir();
    // A long in-process window: the first run stops while the sale is still pending.
    const first = await startCore({ dataDir, trainingSimTiming: { hangMs: 4_000, pendingMs: 1_500 } });
    const sale = await sellToken(first, '99000000068');
    expect(sale.state).toBe('pending');
    const trxid = getSale(first.loket.db, sale.id)!.provider_ref;
    await first.stop();

    const second = await startCore({ dataDir, trainingSimTiming: { hangMs: 4_000, pendingMs: 1_500 } });
    try {
      expect((await second.call('app.info', {})).pendingCount).toBe(1);
      const done = await waitFor(() => second.call('sale.get', { saleId: sale.id }), isFinal, 15_000);
      expect(done.state).toBe('succeeded');
      const sim = await second.loket.providers.trainingSimulator();
      expect(sim.payCount(trxid)).toBe(1);
    } finally {
      await second.stop();
    }
  });
});

describe('production settings', () => {
  it('credentials go to the vault; the renderer sees a mask; production needs https (loopback excepted)', async () => {
    const core = await startCore();
    try {
      const bad = await core.fail('settings.saveVsi', { baseUrl: 'http://vsi.example.com/api', clientId: 'C1', secret: 'x', dtFormat: 'YYYYMMDD' });
      expect(bad.code).toBe('settings_invalid');
      expect((await core.fail('settings.setMode', { mode: 'production' })).code).toBe('settings_invalid');
      const view = await core.call('settings.saveVsi', {
        baseUrl: 'https://vsi.example.com/api',
        clientId: 'C1',
        secret: 'super-secret-value-123',
        dtFormat: 'YYYYMMDDHHmmss',
      });
      expect(view.vsi).toEqual({ baseUrl: 'https://vsi.example.com/api', clientId: 'C1', secretSet: true, secretMasked: '••••••••-123', dtFormat: 'YYYYMMDDHHmmss' });
      expect(JSON.stringify(await core.call('settings.get', {}))).not.toContain('super-secret-value');
      core.loket.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(path.join(core.dataDir, 'loket.db')).includes(Buffer.from('super-secret-value'))).toBe(false);
      // keeping the secret: omit it — only while it goes where it was entered for
      const kept = await core.call('settings.saveVsi', { baseUrl: 'https://vsi.example.com/api', clientId: 'C1', dtFormat: 'YYYYMMDD' });
      expect(kept.vsi.secretSet).toBe(true);
      const moved = await core.fail('settings.saveVsi', { baseUrl: 'https://vsi.example.com/api', clientId: 'C2', dtFormat: 'YYYYMMDD' });
      expect(moved).toMatchObject({ code: 'settings_invalid', message: expect.stringMatching(/masukkan secret-nya lagi/) });
      expect((await core.call('settings.get', {})).vsi.clientId).toBe('C1');
      expect((await core.call('settings.setMode', { mode: 'production' })).mode).toBe('production');
      await core.call('shift.open', { openingFloat: 0 });
    } finally {
      await core.stop();
    }
  });

  it('production against a VSI endpoint: a wrong secret is rc 0029, the right one sells', async () => {
    const sim = await startVsiSimulator({ clientId: 'PARTNER7', secret: 'the-real-secret' });
    const core = await startCore();
    try {
      await core.call('settings.saveVsi', { baseUrl: sim.baseUrl, clientId: 'PARTNER7', secret: 'wrong-secret', dtFormat: 'YYYYMMDD' });
      await core.call('settings.setMode', { mode: 'production' });
      await core.call('shift.open', { openingFloat: 0 });
      const e = await core.fail('pln.inquire', { customerNumber: '14233784991' });
      expect(e.code).toBe('provider_auth');
      await core.call('settings.saveVsi', { baseUrl: sim.baseUrl, clientId: 'PARTNER7', secret: 'the-real-secret', dtFormat: 'YYYYMMDDHHmmss' });
      const sale = await sellToken(core, '14233784991');
      expect(sale.env).toBe('production');
      expect(sale.state).toBe('succeeded');
      const receipt = await core.call('receipt.get', { saleId: sale.id });
      expect(receipt.lines.map((l) => l.text).join('\n')).not.toContain('TRAINING');
      const logs = readFileSync(path.join(core.dataDir, 'loket.db'));
      expect(logs.includes(Buffer.from('the-real-secret'))).toBe(false);
    } finally {
      await core.stop();
      await sim.close();
    }
  });

  it('an unreachable endpoint: the inquiry fails cleanly; a PAY that provably never left fails and refunds', async () => {
    const sim = await startVsiSimulator({ clientId: 'P8', secret: 'p8-secret' });
    const core = await startCore();
    try {
      await core.call('settings.saveVsi', { baseUrl: sim.baseUrl, clientId: 'P8', secret: 'p8-secret', dtFormat: 'YYYYMMDD' });
      await core.call('settings.setMode', { mode: 'production' });
      await core.call('shift.open', { openingFloat: 0 });
      const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
      await sim.close();
      expect((await core.fail('pln.inquire', { customerNumber: '14233784992' })).code).toBe('provider_unavailable');
      const sale = await core.call('sale.startPlnToken', { clientRequestId: 'never-sent-1', inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: 50_000 } });
      expect(sale.state).toBe('failed');
      expect(sale.failure?.code).toBe('provider_unavailable');
      expect(sale.payment.state).toBe('refund_due');
    } finally {
      await core.stop();
    }
  });
});

describe('production payment accounts', () => {
  it('Midtrans and Worldline keys go to the vault, are checked on entry, and a production QRIS sale uses them', async () => {
    const vsi = await startVsiSimulator({ clientId: 'PARTNER8', secret: 'vsi-secret-8' });
    const { startMidtransSimulator } = await import('../../electron/simulators/midtrans/server');
    const midtrans = await startMidtransSimulator({ serverKey: 'SB-Mid-server-LOKETPRODTEST' });
    const core = await startCore();
    try {
      expect((await core.fail('settings.saveMidtrans', { environment: 'sandbox', baseUrl: 'http://midtrans.example.com' })).code).toBe('settings_invalid');
      expect((await core.fail('settings.saveMidtrans', { environment: 'sandbox', baseUrl: '', serverKey: 'not-a-key' })).code).toBe('settings_invalid');
      expect((await core.fail('settings.saveMidtrans', { environment: 'production', baseUrl: '', serverKey: 'SB-Mid-server-LOKETPRODTEST' })).code).toBe('settings_invalid');
      expect((await core.fail('settings.saveWorldline', { apiUrl: 'https://api.example.com/some/path', tokenUrl: '', clientId: '', acquirerId: '', merchantId: '', terminalId: '' })).code).toBe('settings_invalid');
      const view = await core.call('settings.saveMidtrans', { environment: 'sandbox', baseUrl: midtrans.baseUrl, serverKey: 'SB-Mid-server-LOKETPRODTEST' });
      expect(view.payments.midtrans).toMatchObject({ serverKeySet: true, serverKeyMasked: '••••••••TEST', baseUrl: midtrans.baseUrl });
      expect(JSON.stringify(view)).not.toContain('LOKETPRODTEST');

      await core.call('settings.saveVsi', { baseUrl: vsi.baseUrl, clientId: 'PARTNER8', secret: 'vsi-secret-8', dtFormat: 'YYYYMMDD' });
      await core.call('settings.setMode', { mode: 'production' });
      await core.call('shift.open', { openingFloat: 0 });
      const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
      const sale = await core.call('sale.startPlnToken', { clientRequestId: 'prod-qris-1', inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'qris' } });
      expect(sale).toMatchObject({ env: 'production', state: 'awaiting_payment' });
      const orderId = (await import('../../electron/db/queries/payments')).getPaymentBySale(core.loket.db, sale.id)!.provider_ref!;
      expect(midtrans.txn(orderId)).not.toBeNull();
      expect((await core.fail('payment.simulate', { saleId: sale.id, outcome: 'pay' })).code).toBe('forbidden');
      midtrans.pay(orderId);
      expect((await waitFor(() => core.call('sale.get', { saleId: sale.id }), isFinal, 15_000)).state).toBe('succeeded');

      // Cards are not configured for production: a clear refusal, nothing recorded as paid.
      const inq2 = await core.call('pln.inquire', { customerNumber: '12345678901' });
      const card = await core.fail('sale.startPlnToken', { clientRequestId: 'prod-card-1', inquiryId: inq2.inquiryId, denomination: 20_000, payment: { method: 'card', card: { entry: 'keyed', number: '4176669999000104', expiry: '1231', securityCode: null } } });
      expect(card.code).toBe('provider_config');
      expect((await core.call('ledger.today', { status: 'all', limit: 50 })).items.map((r) => r.paymentMethod)).toEqual(['qris']);
    } finally {
      await core.stop();
      await midtrans.close();
      await vsi.close();
    }
  });
});

// Midtrans' signature (the protocol file's worked example) and the client's reading of both
// error channels, with a scripted transport: what each answer means for the money.
import { exchanged } from '../../electron/providers/http/exchange';
import { describe, expect, it } from 'vitest';
import { createMidtransClient, DEFAULT_MIDTRANS_TIMEOUTS } from '../../electron/providers/midtrans/client';
import { notificationSignature, verifyNotification } from '../../electron/providers/midtrans/signing';
import type { MidtransExchange } from '../../electron/providers/midtrans/transport';
import { silentLogger } from '../../electron/log/logger';

const KEY = 'SB-Mid-server-TEST';

describe('notification signature (midtrans.md §7)', () => {
  it('matches the worked example, and formatting of gross_amount matters', () => {
    expect(notificationSignature('LOKET-20240101-0001', '200', '20000.00', KEY)).toBe(
      'e51b1d0f6f8833f54867c6aea7bb4f3c819d49ced8ea01c8116fc81f7a416dd1653266a01aef7dab01cdce7639beeeb7c8d0f296dea1ce9fbaba598d8cb2f73c',
    );
    expect(notificationSignature('LOKET-20240101-0001', '200', '20000', KEY)).toBe(
      '667d0f8211245681763339a4c9be05085c958e8ed939f08f131805254e16b396363b8b109430a358b821e9f3f7e518a51168e324b7fd1ac92f754304bfeb77c0',
    );
  });

  it('verifies over the exact strings and refuses a tampered or unsigned body', () => {
    const body = { order_id: 'LOKET-1', status_code: '200', gross_amount: '20000.00', transaction_status: 'settlement' };
    const signed = { ...body, signature_key: notificationSignature('LOKET-1', '200', '20000.00', KEY) };
    expect(verifyNotification(Buffer.from(JSON.stringify(signed)), KEY)).toEqual({ orderId: 'LOKET-1' });
    expect(verifyNotification(Buffer.from(JSON.stringify({ ...signed, gross_amount: '200000.00' })), KEY)).toBeNull();
    expect(verifyNotification(Buffer.from(JSON.stringify(signed)), 'SB-Mid-server-OTHER')).toBeNull();
    expect(verifyNotification(Buffer.from(JSON.stringify(body)), KEY)).toBeNull();
    expect(verifyNotification(Buffer.from('<html>'), KEY)).toBeNull();
  });
});

function scripted(...answers: MidtransExchange[]) {
  const sent: { method: string; path: string; body?: unknown }[] = [];
  const client = createMidtransClient({
    endpoint: { baseUrl: 'http://unused', serverKey: KEY },
    timeouts: DEFAULT_MIDTRANS_TIMEOUTS,
    log: silentLogger,
    now: () => Date.parse('2026-11-22T07:00:00Z'),
    transport: async (req) => {
      sent.push({ method: req.method, path: req.path, ...(req.body === undefined ? {} : { body: req.body }) });
      const a = answers.shift();
      if (!a) throw new Error('no scripted answer left');
      return a;
    },
  });
  return { client, sent };
}

const answer = (status: number, body: unknown, contentType = 'application/json'): MidtransExchange =>
  exchanged.answer(status, typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body), contentType);

const txn = (over: Record<string, unknown>) => ({
  status_code: '201',
  transaction_id: 'be03df7d-2f97-4c8c-a53c-8959f1b67295',
  order_id: 'P-1',
  gross_amount: '44000.00',
  payment_type: 'bank_transfer',
  transaction_status: 'pending',
  fraud_status: 'accept',
  ...over,
});

const charge = { ref: 'P-1', method: 'va_bca' as const, amount: 44_000, expirySeconds: 3600, description: 'Token PLN', card: null };

describe('Midtrans client: both error channels', () => {
  it('sends the order_id, the amount, one item line summing to it, an explicit expiry and the bank', async () => {
    const { client, sent } = scripted(answer(200, txn({ va_numbers: [{ bank: 'bca', va_number: '812785002530231' }], expiry_time: '2026-11-22 15:00:00' })));
    const r = await client.charge(charge);
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/v2/charge',
      body: {
        payment_type: 'bank_transfer',
        transaction_details: { order_id: 'P-1', gross_amount: 44_000 },
        item_details: [{ id: 'P-1', price: 44_000, quantity: 1, name: 'Token PLN' }],
        custom_expiry: { expiry_duration: 3600, unit: 'second' },
        bank_transfer: { bank: 'bca' },
      },
    });
    expect(r).toEqual({
      kind: 'pending',
      txnId: 'be03df7d-2f97-4c8c-a53c-8959f1b67295',
      display: { qrString: null, deeplink: null, vaNumber: '812785002530231', bank: 'bca', billKey: null, billerCode: null },
      expiresAt: Date.parse('2026-11-22T08:00:00Z'),
    });
  });

  it('a validation error (HTTP 400), a wrong key (HTTP 401) and a disabled method (body 402) are definite: nothing was created', async () => {
    const { client } = scripted(
      answer(400, { status_code: '400', status_message: 'invalid', validation_messages: ['gross_amount too small'] }),
      answer(401, { status_code: '401', status_message: 'Unknown Merchant server_key/id' }),
      answer(200, { status_code: '402', status_message: 'Payment channel is not activated.' }),
    );
    expect(await client.charge(charge)).toMatchObject({ kind: 'closed', reason: 'failed', error: { code: 'provider_refused', providerCode: '400' } });
    expect(await client.charge(charge)).toMatchObject({ kind: 'closed', error: { code: 'provider_auth' } });
    expect(await client.charge(charge)).toMatchObject({ kind: 'closed', error: { code: 'provider_config', providerCode: '402' } });
  });

  it('a lost answer, a proxy page, body 5xx or a duplicate order_id (406) leave the charge unknown: ask before charging again', async () => {
    const { client } = scripted(
      exchanged.lost('timeout'),
      answer(502, '<html>Bad Gateway</html>', 'text/html'),
      answer(200, { status_code: '503', status_message: 'Bank/partner is experiencing connection issue.' }),
      answer(200, { status_code: '406', status_message: 'order_id has been paid and utilized' }),
      answer(200, 'not json at all', 'text/plain'),
    );
    for (let i = 0; i < 5; i++) expect((await client.charge(charge)).kind).toBe('unknown');
  });

  it('a connection that never opened is a definite failure: nothing reached Midtrans', async () => {
    const { client } = scripted(exchanged.notSent('ECONNREFUSED'));
    expect(await client.charge(charge)).toMatchObject({ kind: 'closed', error: { code: 'provider_unavailable' } });
  });

  it('status: body 404 is "not found" (safe to charge the same order_id), 407 is an expiry, settlement is money', async () => {
    const { client, sent } = scripted(
      answer(200, { status_code: '404', status_message: "Transaction doesn't exist." }),
      answer(200, txn({ status_code: '407', transaction_status: 'expire' })),
      answer(200, txn({ status_code: '200', transaction_status: 'settlement', va_numbers: [{ bank: 'bca', va_number: '812785002530231' }] })),
      answer(200, txn({ status_code: '200', payment_type: 'credit_card', transaction_status: 'capture', fraud_status: 'challenge' })),
    );
    expect(await client.status('P 1/x', null)).toMatchObject({ kind: 'unknown', notFound: true });
    expect(sent[0]!.path).toBe('/v2/P%201%2Fx/status');
    expect(await client.status('P-1', null)).toMatchObject({ kind: 'closed', reason: 'expired' });
    expect(await client.status('P-1', null)).toEqual({
      kind: 'settled',
      settled: { txnId: 'be03df7d-2f97-4c8c-a53c-8959f1b67295', reference: 'BCA 812785002530231', approvalCode: null, cardBrand: null, cardLast4: null },
    });
    expect(await client.status('P-1', null)).toMatchObject({ kind: 'pending' });
  });

  it('cancel: 412 means it can no longer be stopped — the status decides (here: the customer had paid)', async () => {
    const { client, sent } = scripted(
      answer(200, { status_code: '412', status_message: 'Merchant cannot modify the status of the transaction' }),
      answer(200, txn({ status_code: '200', payment_type: 'qris', transaction_status: 'settlement', issuer: 'gopay' })),
    );
    expect(await client.cancel('P-1', null)).toMatchObject({ kind: 'settled', settled: { reference: 'GOPAY BE03DF7D' } });
    expect(sent.map((s) => s.path)).toEqual(['/v2/P-1/cancel', '/v2/P-1/status']);
  });

  it('refund: done, refused (412/414: a person returns it) or unknown (asked again with the same key)', async () => {
    const { client, sent } = scripted(
      answer(200, txn({ status_code: '200', transaction_status: 'partial_refund', refund_chargeback_id: 7, refund_key: 'K-1' })),
      answer(200, { status_code: '412', status_message: 'Payment Type bank_transfer is not supported for refund' }),
      answer(200, { status_code: '414', status_message: 'insufficient balance' }),
      answer(504, '<html>Gateway Time-out</html>', 'text/html'),
    );
    const req = { ref: 'P-1', txnId: null, key: 'K-1', amount: 5_000, reason: 'gagal', direct: false };
    expect(await client.refund(req)).toEqual({ kind: 'done', refundId: '7' });
    expect(sent[0]!.body).toEqual({ refund_key: 'K-1', amount: 5_000, reason: 'gagal' });
    expect(await client.refund(req)).toMatchObject({ kind: 'refused', error: { providerCode: '412' } });
    expect(await client.refund(req)).toMatchObject({ kind: 'refused', error: { providerCode: '414' } });
    expect(await client.refund(req)).toMatchObject({ kind: 'unknown' });
    expect(sent.map((s) => s.path)).toEqual(['/v2/P-1/refund', '/v2/P-1/refund', '/v2/P-1/refund', '/v2/P-1/refund']);
    expect(client.refundable('qris')).toBe(true);
    expect(client.refundable('va_bca')).toBe(false);
  });

  it('GoPay (issue 15 §4): the generate-qr-code image is fetched only from the configured address, only when it really is an image; otherwise the deeplink stays the QR', async () => {
    const gopay = { ...charge, method: 'gopay' as const };
    const charged = (url: string) =>
      answer(
        201,
        txn({
          payment_type: 'gopay',
          actions: [
            { name: 'generate-qr-code', method: 'GET', url },
            { name: 'deeplink-redirect', method: 'GET', url: 'https://gopay.co.id/app/partner/web/checkout?x=1' },
          ],
        }),
      );
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]);
    const ok = scripted(charged('http://unused/v2/gopay/be03df7d/qr-code'), answer(200, png, 'image/png'));
    expect(await ok.client.charge(gopay)).toMatchObject({ kind: 'pending', display: { qrImage: `data:image/png;base64,${png.toString('base64')}`, deeplink: expect.stringContaining('gopay.co.id') } });
    expect(ok.sent.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /v2/charge', 'GET /v2/gopay/be03df7d/qr-code']);
    // Another host never receives the server key; an HTML page, an oversize answer or a lost one leave the deeplink.
    const foreign = scripted(charged('https://elsewhere.example/v2/gopay/be03df7d/qr-code'));
    const fromForeign = await foreign.client.charge(gopay);
    expect(fromForeign).toMatchObject({ kind: 'pending', display: { deeplink: expect.any(String) } });
    expect((fromForeign as { display: { qrImage?: unknown } }).display.qrImage).toBeUndefined();
    expect(foreign.sent).toHaveLength(1);
    for (const bad of [answer(200, '<html>no</html>', 'image/png'), answer(200, Buffer.concat([png, Buffer.alloc(300_000)]), 'image/png'), answer(404, '{}'), exchanged.lost('reset')]) {
      const s = scripted(charged('http://unused/v2/gopay/be03df7d/qr-code'), bad);
      const st = await s.client.charge(gopay);
      expect(st).toMatchObject({ kind: 'pending', display: { deeplink: expect.any(String) } });
      expect((st as { display: { qrImage?: unknown } }).display.qrImage).toBeUndefined();
    }
  });

  it('a direct refund (the customer is waiting) goes to /refund/online/direct with the same body', async () => {
    const { client, sent } = scripted(answer(200, txn({ status_code: '200', transaction_status: 'refund', refund_chargeback_id: 9, refund_key: 'K-2' })));
    expect(await client.refund({ ref: 'P-2', txnId: null, key: 'K-2', amount: 10_000, reason: 'gagal', direct: true })).toEqual({ kind: 'done', refundId: '9' });
    expect(sent[0]).toMatchObject({ path: '/v2/P-2/refund/online/direct', body: { refund_key: 'K-2', amount: 10_000, reason: 'gagal' } });
  });
});

// Chainside's money and signatures: fiat decimals and satoshi read exactly, the callback HMAC from
// the protocol file's vector, error codes mapped globally, and an order's state read right.
import { describe, expect, it } from 'vitest';
import { centsToRupiah, parseFiatCents, rupiahToFiat } from '../../electron/providers/chainside/amounts';
import { callbackSignature, verifyCallbackSignature } from '../../electron/providers/chainside/signature';
import { createIsDefinite, fromErrorBody } from '../../electron/providers/chainside/errors';
import { chainsideCallbackReader, statusOf } from '../../electron/providers/chainside/client';
import { OrderBody } from '../../electron/providers/chainside/schema';
import { formatBtc, satoshiToBtc } from '../../shared/domain/bitcoin';

describe('amounts', () => {
  it('reads fiat decimal strings into integer hundredths, exactly', () => {
    expect(parseFiatCents('52500.00')).toBe(5_250_000);
    expect(parseFiatCents('52500.5')).toBe(5_250_050);
    expect(parseFiatCents('52500')).toBe(5_250_000);
    expect(parseFiatCents('0.07')).toBe(7);
    expect(parseFiatCents('1.000')).toBe(100);
    // 0.1 + 0.2 style drift cannot happen: the digits are read, never a float.
    expect(parseFiatCents('123456789012.34')).toBe(12_345_678_901_234);
    for (const bad of ['1.005', 'abc', '-1', '', '1,5', '1e3', ' 1']) expect(parseFiatCents(bad), bad).toBeNull();
  });

  it('rupiah: what is still owed rounds up, what was paid rounds down; requests carry two decimals', () => {
    expect(centsToRupiah(2_625_001, 'up')).toBe(26_251);
    expect(centsToRupiah(2_625_099, 'down')).toBe(26_250);
    expect(rupiahToFiat(52_500)).toBe('52500.00');
    expect(() => rupiahToFiat(0)).toThrow();
    expect(() => rupiahToFiat(1.5)).toThrow();
  });

  it('satoshi are written as BTC without floats or trailing zeros', () => {
    expect(satoshiToBtc(3_500)).toBe('0.000035');
    expect(satoshiToBtc(1)).toBe('0.00000001');
    expect(satoshiToBtc(100_000_000)).toBe('1');
    expect(satoshiToBtc(2_100_000_000_000_000)).toBe('21000000');
    expect(satoshiToBtc(0)).toBe('0');
    expect(formatBtc(10_000)).toBe('0.0001 BTC');
  });
});

describe('callback signature (chainside.md §6.2)', () => {
  const vector = 'NoIaKv36OfjECFj9JIa2fRdpQOr5XLnrGuX5twua2+RrhDvRlazApb16Zpil/c1cz3r2KrqxqiDOU430JbThfA==';

  it('matches the vector derived from the Java SDK test: base64(HMAC-SHA512(SHA-256(secret), body))', () => {
    expect(callbackSignature('testSecret', Buffer.from('testRawBody'))).toBe(vector);
    expect(verifyCallbackSignature('testSecret', Buffer.from('testRawBody'), vector)).toBe(true);
  });

  it('rejects a mismatch (unlike the Python SDK), a missing header, another body, another secret', () => {
    expect(verifyCallbackSignature('testSecret', Buffer.from('testFailBody'), vector)).toBe(false);
    expect(verifyCallbackSignature('testSecret', Buffer.from('testRawBody'), undefined)).toBe(false);
    expect(verifyCallbackSignature('otherSecret', Buffer.from('testRawBody'), vector)).toBe(false);
    expect(verifyCallbackSignature('testSecret', Buffer.from('testRawBody'), vector.slice(0, -2))).toBe(false);
  });

  it('a verified callback names its order; unknown events are acknowledged but not acted on', () => {
    const read = chainsideCallbackReader('s3cret');
    const body = Buffer.from(JSON.stringify({ event: 'payment.completed', created_at: '2026-11-22T10:00:00Z', object_type: 'payment_order', object: { uuid: '0b1f4a52-3c1d-4e1a-9b2f-5d6e7f8a9b0c' } }));
    expect(read(body, callbackSignature('s3cret', body))).toEqual({ ok: true, orderUuid: '0b1f4a52-3c1d-4e1a-9b2f-5d6e7f8a9b0c', event: 'payment.completed', known: true });
    const odd = Buffer.from(body.toString().replace('payment.completed', 'payment.transaction.changed'));
    expect(read(odd, callbackSignature('s3cret', odd))).toMatchObject({ ok: true, known: false });
    expect(read(body, callbackSignature('wrong', body))).toMatchObject({ ok: false, status: 401 });
    const junk = Buffer.from('not json');
    expect(read(junk, callbackSignature('s3cret', junk))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('error codes', () => {
  it('maps every code with a cashier message, globally', () => {
    expect(fromErrorBody(503, { error_code: '4006', message: 'Functionality Down', request_id: 'r1' })).toMatchObject({ code: 'provider_unavailable', providerCode: '4006', message: expect.stringContaining('bitcoin sedang tidak tersedia') });
    expect(fromErrorBody(401, { error_code: '1001', message: null })).toMatchObject({ code: 'provider_auth' });
    expect(fromErrorBody(400, { error_code: '0001', message: 'Validation Error: amount' })).toMatchObject({ code: 'invalid_request', detail: expect.stringContaining('amount') });
    expect(fromErrorBody(404, { error_code: '3001' })).toMatchObject({ code: 'provider_failed' });
    expect(fromErrorBody(500, { error_code: '9999' }).message).toContain('9999');
  });

  it('a create refused by rule made no order; a server error may have made one', () => {
    for (const code of ['0001', '1004', '2000', '4003', '4006']) expect(createIsDefinite(code), code).toBe(true);
    for (const code of ['4000', '9999']) expect(createIsDefinite(code), code).toBe(false);
  });
});

describe("an order's state, as the money path reads it", () => {
  const order = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    OrderBody.parse({
      uuid: '0b1f4a52-3c1d-4e1a-9b2f-5d6e7f8a9b0c',
      amount: '52500.00',
      btc_amount: 3500,
      address: 'bcrt1qgzajhvqz8fs6re3fw9xunsny4xs4vvc2gzajhv',
      uri: 'bitcoin:bcrt1qgzajhvqz8fs6re3fw9xunsny4xs4vvc2gzajhv?amount=0.000035',
      state: { paid: { crypto: 0, fiat: '0.00' }, in_confirmation: { crypto: 0, fiat: '0.00' }, unpaid: { crypto: 3500, fiat: '52500.00' }, ...state },
      transactions: [],
      required_confirmations: 1,
      expires_in: 900,
      expiration_time: '2026-11-22T10:15:00.000Z',
      created_at: '2026-11-22T10:00:00.000Z',
      resolved_at: null,
      rate: { source: 'sim', value: '1500000000.00', created_at: '2026-11-22T10:00:00Z' },
      currency: { name: 'IDR', type: 'fiat', uuid: 'x' },
      reference: 'LKT-P-1',
      ...extra,
    });

  it('partial: still waiting, with what is owed in rupiah rounded up', () => {
    const s = statusOf(order({ status: 'pending', blockchain_status: 'partial', paid: { crypto: 1750, fiat: '26250.00' }, unpaid: { crypto: 1750, fiat: '26250.01' } }), 52_500);
    expect(s).toMatchObject({ kind: 'pending', display: { bitcoin: { unpaidSat: 1750, unpaidRupiah: 26_251, paidSat: 1750 } } });
  });

  it('paid with more than asked: settled, the surplus owed back in rupiah', () => {
    const s = statusOf(order({ status: 'paid', blockchain_status: 'paid', paid: { crypto: 4375, fiat: '65625.00' }, unpaid: { crypto: 0, fiat: '0.00' } }), 52_500);
    expect(s).toMatchObject({ kind: 'settled', settled: { excess: 13_125, display: { bitcoin: { overpaidSat: 875 } } } });
  });

  it('expired after a partial payment: closed, what was sent owed back; nothing sent: nothing owed', () => {
    expect(statusOf(order({ status: 'expired', blockchain_status: 'expired', paid: { crypto: 1750, fiat: '26250.00' } }), 52_500)).toMatchObject({ kind: 'closed', reason: 'expired', excess: 26_250 });
    expect(statusOf(order({ status: 'cancelled', blockchain_status: 'cancelled' }), 52_500)).toMatchObject({ kind: 'closed', reason: 'cancelled', excess: 0 });
  });

  it('an order in another currency or for another amount is not trusted', () => {
    expect(statusOf(order({ status: 'paid', blockchain_status: 'paid' }, { currency: { name: 'EUR' } }), 52_500).kind).toBe('unknown');
    expect(statusOf(order({ status: 'paid', blockchain_status: 'paid' }), 50_000).kind).toBe('unknown');
  });
});

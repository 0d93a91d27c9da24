// Worldline's logging rules (the SDKs' fixtures, worldline.md A.4) and the token cache's
// behaviour (exact body, one request in flight, no caching of failures, renewal).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { obfuscateBody, obfuscateHeaders } from '../../electron/providers/worldline/obfuscate';
import { createWorldlineTokenCache } from '../../electron/providers/worldline/token-cache';

describe('Worldline log obfuscation (worldline.md §5, A.4)', () => {
  it('masks the SDK fixture exactly', () => {
    const original = { amount: { currencyCode: 'CAD', amount: 2345 }, cardPaymentData: { cardData: { cardSecurityCode: '123', cardNumber: '1234567890123456', expiryDate: '122024' } } };
    expect(obfuscateBody(original)).toEqual({
      amount: { currencyCode: 'CAD', amount: 2345 },
      cardPaymentData: { cardData: { cardSecurityCode: '***', cardNumber: '************3456', expiryDate: '**2024' } },
    });
    expect(obfuscateBody({ bin: '12345678' })).toEqual({ bin: '123456**' });
  });

  it('turns matching scalars into masked strings, leaves objects and empties alone (NODE semantics)', () => {
    expect(obfuscateBody([{ name: true }, { name: '12345' }, { name: 12345 }, { name: {} }, { name: '' }])).toEqual([{ name: '****' }, { name: '*****' }, { name: '*****' }, { name: {} }, { name: '' }]);
  });

  it('also masks what a counter adds: track 2, PIN block, EMV PAN tags', () => {
    const body = { cardPaymentData: { pointOfSaleData: { track2Data: '4176669999000104=31121011234567890', onlinePinData: { encryptedPinBlock: 'ABCDEF0123456789' }, emvData: [{ tag: '5A', value: '4176669999000104' }, { tag: '9F02', value: '000000051600' }] } } };
    const masked = JSON.stringify(obfuscateBody(body));
    expect(masked).not.toContain('4176669999000104');
    expect(masked).not.toContain('ABCDEF0123456789');
  });

  it('replaces authorization headers with exactly eight asterisks, whatever their case', () => {
    expect(obfuscateHeaders({ Authorization: 'Basic QWxhZGRpbjpPcGVuU2VzYW1l', 'content-type': 'application/json', 'PROXY-AUTHORIZATION': 'x' })).toEqual({
      Authorization: '********',
      'content-type': 'application/json',
      'PROXY-AUTHORIZATION': '********',
    });
  });
});

describe('Worldline token cache', () => {
  let server: http.Server | null = null;
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  async function tokenServer(answer: (n: number, body: string) => { status: number; body: unknown; delayMs?: number }): Promise<{ url: string; bodies: string[] }> {
    const bodies: string[] = [];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        const a = answer(bodies.length, body);
        setTimeout(() => res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body)), a.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, bodies };
  }

  const cache = (url: string, now = Date.now) => createWorldlineTokenCache({ tokenUrl: url, clientId: 'clientId', clientSecret: 'clientSecret', now, connectTimeoutMs: 1_000, timeoutMs: 2_000 });

  it('sends client credentials and the scopes; ten concurrent callers share one request', async () => {
    const s = await tokenServer((n) => ({ status: 200, body: { access_token: `t${n}`, expires_in: 300 }, delayMs: 50 }));
    const c = cache(s.url);
    const all = await Promise.all(Array.from({ length: 10 }, () => c.get()));
    expect(all.every((r) => r.ok && r.value === 't1')).toBe(true);
    expect(s.bodies).toHaveLength(1);
    expect(new URLSearchParams(s.bodies[0]!).get('scope')).toBe('processing_payment processing_refund processing_operation_reverse services_ping');
    expect(new URLSearchParams(s.bodies[0]!).get('client_id')).toBe('clientId');
  });

  it('a failure is reported with the SDK wording and never cached', async () => {
    const s = await tokenServer(() => ({ status: 401, body: { error: 'unauthorized_client', error_description: 'INVALID_CREDENTIALS: Invalid client credentials' } }));
    const c = cache(s.url);
    for (let i = 0; i < 3; i++) {
      const r = await c.get();
      expect(r).toMatchObject({ ok: false, error: { code: 'provider_auth', detail: 'There was an error while retrieving the OAuth2 access token: unauthorized_client - INVALID_CREDENTIALS: Invalid client credentials' } });
    }
    expect(s.bodies).toHaveLength(3);
  });

  it('an expired token (expires_in -1) is fetched again every time; clear() drops a good one', async () => {
    const s = await tokenServer((n) => ({ status: 200, body: { access_token: `t${n}`, expires_in: n <= 2 ? -1 : 300 } }));
    const c = cache(s.url);
    expect(await c.get()).toEqual({ ok: true, value: 't1' });
    expect(await c.get()).toEqual({ ok: true, value: 't2' });
    expect(await c.get()).toEqual({ ok: true, value: 't3' });
    expect(await c.get()).toEqual({ ok: true, value: 't3' });
    c.clear();
    expect(await c.get()).toEqual({ ok: true, value: 't4' });
  });
});

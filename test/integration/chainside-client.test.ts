// Loket's Chainside client against the simulator over HTTP: the wire rules (headers, version,
// errors as {error_code, message, request_id}), one new token after 1004 and never a loop, and
// what each kind of failure means for the money (definite, unknown, not found).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainsideSimulator, type ChainsideSimulator } from '../../electron/simulators/chainside/server';
import { createChainsideApi } from '../../electron/providers/chainside/api';
import { createChainsideGateway } from '../../electron/providers/chainside/client';
import { silentLogger } from '../../electron/log/logger';

let sim: ChainsideSimulator;
const timeouts = { connectMs: 1_000, createMs: 1_000, readMs: 1_000 };
const api = () => createChainsideApi({ endpoint: { baseUrl: sim.baseUrl, ...sim.credentials }, timeouts, log: silentLogger, now: Date.now });
const gateway = () => createChainsideGateway({ endpoint: { baseUrl: sim.baseUrl, ...sim.credentials }, timeouts, log: silentLogger, now: Date.now, requiredConfirmations: () => 1 });
const charge = (ref: string, amount = 52_500) => ({ ref, method: 'bitcoin' as const, amount, expirySeconds: 0, description: 'test', card: null });

beforeAll(async () => {
  sim = await startChainsideSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe('the simulator holds clients to the wire rules', () => {
  const token = async (): Promise<string> => {
    const basic = Buffer.from(`${sim.credentials.clientId}:${sim.credentials.secret}`).toString('base64');
    // Form-encoded, as the Python and Java SDKs send it.
    const r = await fetch(`${sim.baseUrl}/token`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` }, body: 'scope=*&grant_type=client_credentials' });
    const body = (await r.json()) as { access_token: string; id_token: string; token_type: string };
    expect(body.id_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.token_type).toBe('Bearer');
    return body.access_token;
  };

  it('Accept, Content-Type, X-Api-Version and Authorization are checked, with the SDKs’ error codes', async () => {
    const t = await token();
    const call = async (headers: Record<string, string>, body?: string) => {
      const r = await fetch(`${sim.baseUrl}/payment-order`, { method: body ? 'POST' : 'GET', headers, ...(body ? { body } : {}) });
      return { status: r.status, body: (await r.json()) as { error_code?: string; request_id?: string } };
    };
    const ok = { accept: 'application/json', 'content-type': 'application/json', 'x-api-version': 'v1', authorization: `Bearer ${t}` };
    expect((await call({ ...ok, accept: 'text/html' })).body.error_code).toBe('3013');
    expect((await call({ ...ok, 'content-type': 'text/plain' }, '{"amount":"1.00"}')).body.error_code).toBe('3012');
    expect((await call({ ...ok, 'x-api-version': 'v9' })).body.error_code).toBe('0001');
    expect((await call({ ...ok, authorization: 'Token x' })).body).toMatchObject({ error_code: '3007', request_id: expect.any(String) });
    expect((await call({ ...ok, authorization: 'Bearer nope' })).status).toBe(401);
    expect((await call({ ...ok }, '{"amount":"abc"}')).body.error_code).toBe('0001');
  });

  it('its answers fit the SDKs’ own schemas: v4 UUIDs, https URLs, no null where a URL is expected, no cancel_url it made up (issue 15 §5)', async () => {
    const t = await token();
    const headers = { accept: 'application/json', 'content-type': 'application/json', 'x-api-version': 'v1', authorization: `Bearer ${t}` };
    const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const created = (await (await fetch(`${sim.baseUrl}/payment-order`, { method: 'POST', headers, body: JSON.stringify({ amount: '51600.00', reference: `SCHEMA-${Date.now()}` }) })).json()) as { uuid: string; redirect_url: string };
    expect(created.uuid).toMatch(V4);
    expect(created.redirect_url).toMatch(/^https:\/\//);
    const got = (await (await fetch(`${sim.baseUrl}/payment-order/${created.uuid}`, { headers })).json()) as Record<string, unknown> & { created_by: { uuid: string; deposit_account: { uuid: string } }; currency: { uuid: string } };
    expect(got.created_by.uuid).toMatch(V4);
    expect(got.created_by.deposit_account.uuid).toMatch(V4);
    expect(got.currency.uuid).toMatch(V4);
    expect(got.redirect_url).toMatch(/^https:\/\//);
    expect('callback_url' in got).toBe(false);
    const deleted = (await (await fetch(`${sim.baseUrl}/payment-order/${created.uuid}`, { method: 'DELETE', headers })).json()) as { cancel_url: string | null };
    expect(deleted.cancel_url).toBeNull();
    // The control plane the simulators' README promises.
    const state = (await (await fetch(`${sim.baseUrl}/__sim/state`)).json()) as { orders: unknown[] };
    expect(state.orders.length).toBeGreaterThan(0);
    expect(((await (await fetch(`${sim.baseUrl}/__sim/config`)).json()) as { currency: string }).currency).toBe('IDR');
  });
});

describe('Loket’s client', () => {
  it('pages are 0-based, at most 40 long; a random uuid is 3001', async () => {
    const a = api();
    const bad = await a.list({ pageSize: 41 });
    expect(bad).toMatchObject({ kind: 'ok' }); // the client caps the size at 40
    expect(await a.get(randomUUID())).toMatchObject({ kind: 'error', code: '3001', status: 404 });
    expect(await a.get('not-a-uuid')).toMatchObject({ kind: 'error', code: 'uuid' });
  });

  it('an expired token is replaced once; a second 1004 in a row is surfaced, not looped', async () => {
    const a = api();
    expect((await a.list({})).kind).toBe('ok');
    sim.expireTokens();
    expect((await a.list({})).kind).toBe('ok');
    sim.configure({ faults: { failNext: [{ route: 'list', errorCode: '1004', status: 401, count: 2 }] } });
    expect(await a.list({})).toMatchObject({ kind: 'error', code: '1004' });
    expect((await a.list({})).kind).toBe('ok');
  });

  it('a 500 on create may have made an order: unknown, then found by its reference', async () => {
    const gw = gateway();
    sim.configure({ faults: { failNext: [{ route: 'create', errorCode: '4000', status: 500, count: 1 }] } });
    expect((await gw.charge(charge('REF-500'))).kind).toBe('unknown');
    // The forced error made nothing here, so the lookup proves it: safe to create under the same reference.
    expect(await gw.status('REF-500', null)).toMatchObject({ kind: 'unknown', notFound: true });
    expect((await gw.charge(charge('REF-500'))).kind).toBe('pending');
    expect(await gw.status('REF-500', null)).toMatchObject({ kind: 'pending' });
  });

  it('a hanging create is unknown; the order it made is found, never created twice', async () => {
    const gw = gateway();
    sim.configure({ hangMs: 3_000, faults: { createHang: 1 } });
    expect((await gw.charge(charge('REF-HANG'))).kind).toBe('unknown');
    const found = await gw.status('REF-HANG', null);
    expect(found).toMatchObject({ kind: 'pending', txnId: sim.orderByReference('REF-HANG')!.uuid });
    expect(sim.createCount('REF-HANG')).toBe(1);
  });

  it('garbage instead of an order, or an order for another amount, is unknown, not a verdict', async () => {
    const gw = gateway();
    const p = await gw.charge(charge('REF-GARBAGE'));
    expect(p.kind).toBe('pending');
    const uuid = p.kind === 'pending' ? p.txnId : null;
    sim.configure({ faults: { getGarbage: 1 } });
    expect((await gw.status('REF-GARBAGE', uuid, 52_500)).kind).toBe('unknown');
    // An order for another amount than the ledger's is not this payment, whatever it says.
    expect((await gw.status('REF-GARBAGE', uuid, 52_500)).kind).toBe('pending');
    expect((await gw.status('REF-GARBAGE', uuid, 50_000)).kind).toBe('unknown');
  });

  it('cancel of an order paid meanwhile says paid; bitcoin is never refunded through the API', async () => {
    const gw = gateway();
    const p = await gw.charge(charge('REF-RACE'));
    const uuid = p.kind === 'pending' ? p.txnId! : '';
    sim.pay(uuid, { confirmations: 1 });
    expect((await gw.cancel('REF-RACE', uuid)).kind).toBe('settled');
    expect((await gw.refund({ ref: 'REF-RACE', txnId: uuid, key: 'k', amount: 1, reason: 'x', direct: true })).kind).toBe('refused');
    expect(gw.refundable('bitcoin')).toBe(false);
  });

  it('the webPOS currency named as an ISO code or in words: rupiah either way (chainside.md §9.14)', async () => {
    for (const name of ['Indonesian Rupiah', 'rupiah']) {
      sim.configure({ currency: name });
      try {
        const r = await gateway().charge({ ref: `LKT-P-NAME-${name.length}-${Date.now()}`, method: 'bitcoin', amount: 51_600, expirySeconds: 900, description: 'Token PLN', card: null });
        expect(r).toMatchObject({ kind: 'pending', display: { bitcoin: { satoshi: expect.any(Number) } } });
      } finally {
        sim.configure({ currency: 'IDR' });
      }
    }
    sim.configure({ currency: 'Euro' });
    try {
      const r = await gateway().charge({ ref: `LKT-P-EURO-${Date.now()}`, method: 'bitcoin', amount: 51_600, expirySeconds: 900, description: 'Token PLN', card: null });
      expect(r).toMatchObject({ kind: 'closed', error: { code: 'provider_config' } });
    } finally {
      sim.configure({ currency: 'IDR' });
    }
  });

  it('an order the webPOS makes in another currency than rupiah is refused and cancelled before any QR is shown (issue 15 §5)', async () => {
    sim.configure({ currency: 'EUR' });
    try {
      const ref = `LKT-P-EUR-${Date.now()}`;
      const r = await gateway().charge({ ref, method: 'bitcoin', amount: 51_600, expirySeconds: 900, description: 'Token PLN', card: null });
      expect(r).toMatchObject({ kind: 'closed', reason: 'failed', error: { code: 'provider_config', message: expect.stringContaining('EUR') } });
      expect(sim.orderByReference(ref)?.final).toBe('cancelled');
    } finally {
      sim.configure({ currency: 'IDR' });
    }
  });
});

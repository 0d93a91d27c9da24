// `npm run sim -- vsi` as a user runs it: one JSON line first, then a working VSI endpoint.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run sim -- vsi', () => {
  it('prints {"provider","baseUrl","credentials"} and serves the VSI protocol', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/simulators/cli.ts', 'vsi', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: proc.stdout! }).once('line', resolve);
        proc.once('exit', (c) => reject(new Error(`exited ${c}`)));
      });
      const info = JSON.parse(line) as { provider: string; baseUrl: string; credentials: { clientId: string; secret: string } };
      expect(Object.keys(info)).toEqual(['provider', 'baseUrl', 'credentials']);
      expect(info.provider).toBe('vsi');
      expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const dt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()).replace(/-/g, '');
      const hc = createHash('sha256').update(info.credentials.clientId + dt + info.credentials.secret).digest('hex');
      const q = new URLSearchParams({ modul: 'PRE', command: 'INQ', msn: '88888888888', cid: info.credentials.clientId, dt, hc, trxid: 'CLI-1', resp: 'XML' });
      const body = await (await fetch(`${info.baseUrl}?${q}`)).text();
      expect(body).toContain('<rc>0000</rc>');
      expect(body).toContain("<nama>TestDu''mmyPanjang8855555</nama>");
      q.set('resp', '');
      expect(await (await fetch(`${info.baseUrl}?${q}`)).text()).not.toContain('<root>');
    } finally {
      proc.kill('SIGTERM');
    }
  });

  it('refuses a bad port with a clear message', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/simulators/cli.ts', 'vsi', '--port', 'abc'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--port');
  });
});

describe('npm run sim -- midtrans | worldline | chainside', () => {
  async function firstLine(provider: string): Promise<{ info: { provider: string; baseUrl: string; credentials: Record<string, string> }; stop(): void }> {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/simulators/cli.ts', provider, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).once('line', resolve);
      proc.once('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    return { info: JSON.parse(line) as { provider: string; baseUrl: string; credentials: Record<string, string> }, stop: () => proc.kill('SIGTERM') };
  }

  it('midtrans: prints the server key a client needs and answers a charge', async () => {
    const { info, stop } = await firstLine('midtrans');
    try {
      expect(info.provider).toBe('midtrans');
      expect(info.credentials.serverKey).toMatch(/^SB-Mid-server-/);
      const r = await fetch(`${info.baseUrl}/v2/charge`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${info.credentials.serverKey}:`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ payment_type: 'qris', transaction_details: { order_id: 'CLI-1', gross_amount: 10_000 } }),
      });
      expect(await r.json()).toMatchObject({ status_code: '201', transaction_status: 'pending' });
    } finally {
      stop();
    }
  });

  it('worldline: prints the OAuth2 client, acquirer and merchant, and issues a token', async () => {
    const { info, stop } = await firstLine('worldline');
    try {
      expect(info.provider).toBe('worldline');
      expect(Object.keys(info.credentials).sort()).toEqual(['acquirerId', 'clientId', 'clientSecret', 'merchantId', 'tokenUrl']);
      const r = await fetch(info.credentials.tokenUrl!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${info.credentials.clientId}&client_secret=${info.credentials.clientSecret}&scope=processing_payment services_ping` });
      expect(await r.json()).toMatchObject({ access_token: expect.any(String), expires_in: 300 });
    } finally {
      stop();
    }
  });

  it('chainside: prints the webPOS client id and secret, logs in and creates an order', async () => {
    const { info, stop } = await firstLine('chainside');
    try {
      expect(info.provider).toBe('chainside');
      expect(Object.keys(info.credentials).sort()).toEqual(['clientId', 'secret']);
      const headers = { accept: 'application/json', 'content-type': 'application/json', 'x-api-version': 'v1' };
      const basic = Buffer.from(`${info.credentials.clientId}:${info.credentials.secret}`).toString('base64');
      const token = (await (await fetch(`${info.baseUrl}/token`, { method: 'POST', headers: { ...headers, authorization: `Basic ${basic}` }, body: JSON.stringify({ grant_type: 'client_credentials', scope: '*' }) })).json()) as { access_token: string };
      const r = await fetch(`${info.baseUrl}/payment-order`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${token.access_token}` }, body: JSON.stringify({ amount: '15000.00', reference: 'CLI-1' }) });
      expect(await r.json()).toMatchObject({ amount: 1000, uri: expect.stringMatching(/^bitcoin:bcrt1q/), reference: 'CLI-1' });
    } finally {
      stop();
    }
  });
});

// Web mode over real HTTP: sessions from the launch token, the static renderer, the API, and every
// refusal — foreign Host/Origin, no session, no CSRF header, oversized bodies, bad URL escapes,
// symlinks out of the build folder, slow clients.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { silentLogger } from '../../electron/log/logger';
import { CALL_NAMES } from '../../shared/contract-names';
import { startCore, tempDir, type Core } from './harness';
import { enterWebMode, httpRequest, type WebClient } from '../support/web-client';

let core: Core;
let web: WebHost;
let owner: WebClient;

beforeAll(async () => {
  core = await startCore({}, { signedIn: false });
  const staticDir = tempDir('loket-static-');
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Loket</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  const secretDir = tempDir('loket-secret-');
  writeFileSync(path.join(secretDir, 'ledger.txt'), 'PIN HASHES');
  symlinkSync(path.join(secretDir, 'ledger.txt'), path.join(staticDir, 'assets', 'leak.js'));
  symlinkSync(secretDir, path.join(staticDir, 'linked'));
  web = await startWebHost({ handlers: core.loket.handlers, staticDir, port: 0, log: silentLogger, limits: { headersMs: 300, requestMs: 600 } });
  owner = await enterWebMode(web.tokenUrl);
  expect((await owner.call('counter.setupOwner', { name: 'Pemilik', pin: '1234' })).ok).toBe(true);
});
afterAll(async () => {
  await web.close();
  await core.stop();
});

const own = (): Record<string, string> => ({ origin: `http://127.0.0.1:${web.port}`, 'content-type': 'application/json' });
const api = (name: string, headers: Record<string, string>, body = '{}') => httpRequest(`${web.url}api/${name}`, { method: 'POST', headers, body });

describe('web mode sessions', () => {
  it('prints a token URL; opening it gives a session cookie (HttpOnly, SameSite=Strict) and a CSRF cookie, and drops the token from the address', async () => {
    expect(web.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
    const r = await httpRequest(web.tokenUrl);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const cookies = r.headers['set-cookie']!.join('\n');
    expect(cookies).toMatch(/loket_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\//);
    expect(cookies).toMatch(/loket_csrf=[\w-]+; SameSite=Strict; Path=\//);
    expect((await httpRequest(`${web.url}?token=wrong`)).status).toBe(401);
  });

  it('a cookie-less client is refused (401) for every call while the owner is signed in through another', async () => {
    for (const name of CALL_NAMES) {
      const r = await api(name, own());
      expect(r.status, name).toBe(401);
      expect(JSON.parse(r.body).error.code, name).toBe('session_required');
    }
    // ...and a made-up cookie is no better.
    expect((await api('app.info', { ...own(), cookie: 'loket_session=forged' })).status).toBe(401);
    // Nothing changed: still one account, the owner still signed in at their own session.
    expect((await owner.call('counter.status')).value).toMatchObject({ needsOwner: false, user: { name: 'Pemilik' } });
  });

  it('without a session a page shows only how to get in; with one, the renderer under a strict CSP', async () => {
    const bare = await httpRequest(web.url);
    expect(bare.status).toBe(401);
    expect(bare.body).toContain('Buka Loket lewat tautan yang dicetak Loket');
    expect(bare.body).not.toContain('<script');
    expect(bare.headers['content-security-policy']).toMatch(/style-src 'sha256-/);
    const page = await httpRequest(web.url, { headers: { cookie: owner.cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await httpRequest(`${web.url}transactions`, { headers: { cookie: owner.cookie } })).body).toContain('<title>Loket');
    expect((await httpRequest(`${web.url}assets/app.js`, { headers: { cookie: owner.cookie } })).headers['content-type']).toContain('javascript');
    expect((await httpRequest(`${web.url}assets/missing.js`, { headers: { cookie: owner.cookie } })).status).toBe(404);
  });

  it('a second session is a second person: signing in, out and locking belong to one session', async () => {
    const second = await enterWebMode(web.tokenUrl);
    expect((await second.call('counter.status')).value).toMatchObject({ user: null });
    expect((await second.call('settings.saveOutlet', { name: 'X', address: '', cashierName: 'X', counterFee: 0, timeZone: 'Asia/Jakarta' })).error?.code).toBe('signed_out');
    expect((await second.call('counter.signIn', { name: 'Pemilik', pin: '1234' })).ok).toBe(true);
    expect((await second.call('counter.signOut')).ok).toBe(true);
    expect((await second.call('counter.status')).value).toMatchObject({ user: null });
    expect((await owner.call('counter.status')).value).toMatchObject({ user: { name: 'Pemilik' }, locked: false });
    expect((await second.call('counter.activity')).error?.code).toBe('signed_out');
  });

  it('a write without the CSRF header is refused (403); a read passes', async () => {
    const headers = { ...own(), cookie: owner.cookie };
    expect((await api('settings.setLocale', headers, '{"locale":"en"}')).status).toBe(403);
    expect((await api('settings.setLocale', { ...headers, 'x-loket-csrf': 'wrong' }, '{"locale":"en"}')).status).toBe(403);
    expect((await api('settings.get', headers)).status).toBe(200);
    expect(((await owner.call('settings.get')).value as { locale: string }).locale).toBe('id');
  });
});

describe('web mode refusals', () => {
  it('refuses a foreign Host (DNS rebinding), a foreign Origin, cross-site and non-JSON calls', async () => {
    const mine = { ...own(), cookie: owner.cookie, 'x-loket-csrf': owner.csrf };
    expect((await httpRequest(web.url, { headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await api('app.info', { ...mine, host: 'evil.example:80' })).status).toBe(421);
    expect((await api('app.info', { ...mine, origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app.info', { ...mine, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('app.info', { ...mine, 'content-type': 'text/plain' })).status).toBe(415);
    expect((await httpRequest(`${web.url}api/app.info`, { headers: mine })).status).toBe(405);
    expect((await api('nope', mine)).status).toBe(404);
    expect((await api('app.info', mine, '{not json')).status).toBe(400);
  });

  it('answers a body over 64 KB with 413, not a reset', async () => {
    const mine = { ...own(), cookie: owner.cookie, 'x-loket-csrf': owner.csrf };
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024), pin: '1234' });
    const r = await api('counter.signIn', mine, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toBe('Permintaan terlalu besar.');
    // Sent in chunks without a length, too.
    const chunked = await httpRequest(`${web.url}api/counter.signIn`, { method: 'POST', headers: { ...mine, 'transfer-encoding': 'chunked' }, body: Buffer.from(big) });
    expect(chunked.status).toBe(413);
  });

  it('a broken % escape is 400, a symlink out of the build folder is refused, .. stays inside', async () => {
    const c = { cookie: owner.cookie };
    expect((await httpRequest(`${web.url}assets/%E0%A4%A.js`, { headers: c })).status).toBe(400);
    expect((await httpRequest(`${web.url}%`, { headers: c })).status).toBe(400);
    const leak = await httpRequest(`${web.url}assets/leak.js`, { headers: c });
    expect(leak.status).toBe(403);
    expect(leak.body).not.toContain('PIN HASHES');
    expect((await httpRequest(`${web.url}linked/ledger.txt`, { headers: c })).body).not.toContain('PIN HASHES');
    expect((await httpRequest(`${web.url}../../etc/passwd`, { headers: c })).body).not.toContain('root:');
  });

  it('closes a connection that never finishes its headers, or its body', async () => {
    const closed = (send: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = net.connect(web.port, '127.0.0.1', () => socket.write(send));
        let got = '';
        socket.on('data', (d) => (got += d.toString()));
        socket.on('close', () => resolve(got));
        socket.on('error', () => undefined);
      });
    // Slowloris: half a request line and nothing more; then headers complete but the body never comes.
    await closed(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nX-Slow: `);
    const bodyless = await closed(`POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nContent-Length: 100\r\nContent-Type: application/json\r\nCookie: ${owner.cookie}\r\n\r\n{`);
    expect(bodyless === '' || bodyless.startsWith('HTTP/1.1 408')).toBe(true);
  });
});

describe('first start', () => {
  it('belongs to the browser that opened the printed URL: a stray process cannot make the owner', async () => {
    const fresh = await startCore({}, { signedIn: false });
    const host = await startWebHost({ handlers: fresh.loket.handlers, staticDir: tempDir('loket-static-'), port: 0, log: silentLogger });
    try {
      const stray = await httpRequest(`${host.url}api/counter.setupOwner`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Penyusup","pin":"0000"}' });
      expect(stray.status).toBe(401);
      const browser = await enterWebMode(host.tokenUrl);
      expect((await browser.call('counter.status')).value).toMatchObject({ needsOwner: true });
      expect((await browser.call('counter.setupOwner', { name: 'Pemilik', pin: '1234' })).value).toMatchObject({ user: { name: 'Pemilik', role: 'owner' } });
    } finally {
      await host.close();
      await fresh.stop();
    }
  });
});

// Web mode over real HTTP: static renderer, the API, and the Host/Origin refusals.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { silentLogger } from '../../electron/log/logger';
import { startCore, tempDir, type Core } from './harness';

let core: Core;
let web: WebHost;

function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: web.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  core = await startCore();
  const staticDir = tempDir('loket-static-');
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Loket</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  web = await startWebHost({ handlers: core.loket.handlers, staticDir, port: 0, log: silentLogger });
});
afterAll(async () => {
  await web.close();
  await core.stop();
});

const own = (): Record<string, string> => ({ host: `127.0.0.1:${web.port}`, origin: `http://127.0.0.1:${web.port}`, 'content-type': 'application/json' });

describe('web mode', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/`);
  });

  it('serves the renderer with a strict CSP, and client routes fall back to index.html', async () => {
    const index = await request({ path: '/', headers: { host: `127.0.0.1:${web.port}` } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await request({ path: '/transactions', headers: { host: `localhost:${web.port}` } })).body).toContain('<title>Loket');
    expect((await request({ path: '/assets/app.js', headers: { host: `127.0.0.1:${web.port}` } })).headers['content-type']).toContain('javascript');
    expect((await request({ path: '/assets/missing.js', headers: { host: `127.0.0.1:${web.port}` } })).status).toBe(404);
    expect((await request({ path: '/../../etc/passwd', headers: { host: `127.0.0.1:${web.port}` } })).body).not.toContain('root:');
  });

  it('answers the contract at POST /api/<call>', async () => {
    const r = await request({ path: '/api/app.info', method: 'POST', headers: own(), body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { host: 'web', mode: 'training' } });
    const bad = await request({ path: '/api/pln.inquire', method: 'POST', headers: own(), body: '{"customerNumber":"12"}' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_customer_number' } });
    expect((await request({ path: '/api/nope', method: 'POST', headers: own(), body: '{}' })).status).toBe(404);
    expect((await request({ path: '/api/app.info', method: 'POST', headers: own(), body: '{not json' })).status).toBe(400);
  });

  it('refuses a foreign Host (DNS rebinding), a foreign Origin, cross-site and non-JSON calls', async () => {
    expect((await request({ path: '/', headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await request({ path: '/api/app.info', method: 'POST', headers: { ...own(), host: 'evil.example:80' }, body: '{}' })).status).toBe(421);
    expect((await request({ path: '/api/app.info', method: 'POST', headers: { ...own(), origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await request({ path: '/api/app.info', method: 'POST', headers: { ...own(), 'sec-fetch-site': 'cross-site' }, body: '{}' })).status).toBe(403);
    expect((await request({ path: '/api/app.info', method: 'POST', headers: { ...own(), 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await request({ path: '/api/app.info', method: 'GET', headers: own() })).status).toBe(405);
  });
});

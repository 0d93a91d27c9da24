import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startWebMode, type WebMode } from './web-mode';

let app: WebMode;
let foreign: http.Server;
let foreignUrl: string;

test.beforeAll(async () => {
  app = await startWebMode();
  foreign = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>evil</title><iframe id="f" src="${app.url}"></iframe>`);
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', () => r()));
  foreignUrl = `http://localhost:${(foreign.address() as AddressInfo).port}/`;
});
test.afterAll(async () => {
  foreign.close();
  await app.stop();
});

async function locale(page: import('@playwright/test').Page): Promise<string> {
  return page.evaluate(async (url) => {
    const r = await fetch(`${url}api/settings.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return ((await r.json()) as { value: { locale: string } }).value.locale;
  }, app.url);
}

test('another site cannot call into the till, nor frame it', async ({ page, context }) => {
  const own = await context.newPage();
  await own.goto(app.url);
  expect(await locale(own)).toBe('id');

  await page.goto(foreignUrl);
  const outcome = await page.evaluate(async (url) => {
    const results: string[] = [];
    try {
      await fetch(`${url}api/settings.setLocale`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"en"}' });
      results.push('json-sent');
    } catch {
      results.push('json-blocked');
    }
    try {
      await fetch(`${url}api/settings.setLocale`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"locale":"en"}' });
      results.push('simple-sent');
    } catch {
      results.push('simple-blocked');
    }
    return results;
  }, app.url);
  expect(outcome[0]).toBe('json-blocked');
  expect(await locale(own)).toBe('id');

  const framed = page.frameLocator('#f').getByTestId('customer-number');
  await expect(framed).toHaveCount(0);
});

test('the page runs under a CSP without inline scripts', async ({ page }) => {
  const response = await page.goto(app.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  const injected = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.appendChild(s);
    return (window as unknown as { __inline?: number }).__inline ?? 0;
  });
  expect(injected).toBe(0);
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { shot, startWebMode, type WebMode } from './web-mode';

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

test('the printed URL signs the browser in; another browser without the token sees only how to get in', async ({ page, browser }) => {
  await app.open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
  // The token is gone from the address bar once it became a session.
  expect(page.url()).toBe(app.url);

  const stranger = await browser.newContext({ viewport: { width: 1024, height: 600 } });
  const other = await stranger.newPage();
  const response = await other.goto(app.url);
  expect(response?.status()).toBe(401);
  await expect(other.getByTestId('no-session')).toContainText('Buka Loket lewat tautan yang dicetak Loket');
  await expect(other.getByTestId('customer-number')).toHaveCount(0);
  await shot(other, 'security-01-no-session');
  // Its calls are refused too, whatever it sends.
  const status = await other.evaluate(async () => (await fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  expect(status).toBe(401);
  await stranger.close();
});

test('a page whose session is gone (Loket restarted) says how to get back in', async ({ page }) => {
  await app.open(page);
  // The cookie goes (as when Loket restarts and its sessions with it): the open page's next call says so.
  await page.context().clearCookies();
  await expect(page.getByTestId('no-session')).toContainText('Buka Loket lewat tautan yang dicetak Loket');
  await shot(page, 'security-02-session-lost');
  // A reload is answered by the server's own page.
  await page.reload();
  await expect(page.getByTestId('no-session')).toBeVisible();
});

test('another site cannot call into the till, nor frame it', async ({ page, context }) => {
  const own = await context.newPage();
  await app.open(own);
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
  await app.enter(page);
  const response = await page.reload();
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  const injected = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.appendChild(s);
    return (window as unknown as { __inline?: number }).__inline ?? 0;
  });
  expect(injected).toBe(0);
});

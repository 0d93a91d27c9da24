// Loket Pusat from the counters' side (issue 18): two counters of two outlets, in web mode, join one
// hub — one through Pengaturan → Pusat by keyboard, one through the API — sell, and the owner's
// summary API shows both outlets' takings.
import { expect, test, type Page } from '@playwright/test';
import { openPglite, type HubDb } from '../../electron/hub/db/connection';
import { migrateHub } from '../../electron/hub/db/migrations';
import { createHub, type Hub } from '../../electron/hub/hub';
import { startHubServer, type HubServer } from '../../electron/hub/server';
import { shot, startWebMode, toPayment, type WebMode } from './web-mode';

let db: HubDb;
let hub: Hub;
let server: HubServer;
let a: WebMode;
let b: WebMode;

test.beforeAll(async () => {
  db = await openPglite(null);
  await migrateHub(db);
  hub = await createHub(db);
  server = await startHubServer(hub);
  [a, b] = await Promise.all([startWebMode(), startWebMode()]);
});
test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await server?.close();
  await db?.close();
});

async function codeFor(outlet: string, counter: string): Promise<string> {
  const r = await hub.newCounter(outlet, counter);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.code;
}

async function sellCash(page: Page, number: string): Promise<number> {
  await toPayment(page, number);
  const total = Number(((await page.getByTestId('total').textContent()) ?? '').replace(/\D/g, ''));
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  return total;
}

test('two outlets’ counters join one Loket Pusat; their sales reach the owner’s summary', async ({ page, browser }) => {
  // Counter A: Pengaturan → Pusat, the hub's address and the owner's one-time code, by keyboard.
  await a.open(page);
  await page.keyboard.press('F9');
  const card = page.getByTestId('hub-card');
  await expect(card).toBeVisible();
  await card.getByTestId('hub-url').fill(server.url);
  await card.getByTestId('hub-code').fill(await codeFor('Loket Sari', 'Kasir 1'));
  await shot(page, 'hub-01-enroll');
  await card.getByTestId('hub-code').press('Enter');
  await expect(card.getByTestId('hub-linked')).toContainText('Kasir 1 di Loket Sari');
  // A spent code is refused in words at the other counter.
  const spent = await b.api('hub.enroll', { url: server.url, code: 'ZZZZZ-ZZZZZ' });
  expect(spent.ok).toBe(false);
  expect((await b.api('hub.enroll', { url: server.url, code: await codeFor('Loket Budi', 'Kasir 1') })).ok).toBe(true);

  const totalA = await sellCash(page, '14233784991');
  const pageB = await browser.newPage();
  await b.open(pageB);
  const totalB = await sellCash(pageB, '14233784993');

  await page.keyboard.press('F9');
  await expect(card.getByTestId('hub-state')).toContainText('Semua terkirim', { timeout: 20_000 });
  await shot(page, 'hub-02-linked');

  // The outlets' business day (their zone is WIB).
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  await expect
    .poll(async () => {
      const res = await fetch(`${server.url}/api/v1/summary?date=${day}`, { headers: { authorization: `Bearer ${hub.ownerToken}` } });
      const s = (await res.json()) as { outlets: Array<{ name: string; sales: number; total: number }> };
      return s.outlets.map((o) => [o.name, o.sales, o.total]);
    }, { timeout: 20_000 })
    .toEqual([
      ['Loket Budi', 1, totalB],
      ['Loket Sari', 1, totalA],
    ]);
  await pageB.close();
});

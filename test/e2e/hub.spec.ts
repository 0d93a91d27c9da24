// Loket Pusat from the counters' side (issue 18): two counters of two outlets, in web mode, join one
// hub — one through Pengaturan → Pusat by keyboard, one through the API — sell, and the owner's
// screen shows both outlets' takings, the unresolved sale, a shift close, deposits and books, a
// sale changed behind Loket's back, and gives the day as a PDF.
import { businessDate } from '../../shared/domain/time';
import { expect, test, type Page } from '@playwright/test';
import { openPglite, type HubDb } from '../../electron/hub/db/connection';
import { migrateHub } from '../../electron/hub/db/migrations';
import { createHub, type Hub } from '../../electron/hub/hub';
import { startHubServer, type HubServer } from '../../electron/hub/server';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { formatRupiah } from '../../shared/domain/money';
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
  // The owner's screen is the renderer's second page, built by test:e2e's prepare step.
  server = await startHubServer(hub, { staticDir: path.join(process.cwd(), 'dist', 'renderer') });
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
  // A QRIS sale left waiting at counter B: unresolved, and the owner will see it.
  await pageB.keyboard.press('n');
  await toPayment(pageB, '14233784994');
  await pageB.keyboard.press('q');
  await pageB.keyboard.press('Enter');
  await expect(pageB.getByTestId('status-awaiting_payment')).toBeVisible();

  await page.keyboard.press('F9');
  await expect(card.getByTestId('hub-state')).toContainText('Semua terkirim', { timeout: 20_000 });
  await shot(page, 'hub-02-linked');

  // The outlets' business day (their zone is WIB).
  const day = businessDate(Date.now(), 'Asia/Jakarta');
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

  // The owner opens the printed link: both outlets, their counters and the day's total, live.
  const owner = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await owner.goto(`${server.url}/?token=${hub.ownerToken}`);
  await expect(owner).toHaveURL(`${server.url}/`);
  const table = owner.getByTestId('pusat-table');
  await expect(table).toContainText('Loket Sari');
  await expect(table).toContainText('Loket Budi');
  await expect(owner.getByTestId('pusat-total-row')).toContainText(formatRupiah(totalA + totalB));
  await expect(owner.getByTestId('pusat-counter-row').first()).toContainText('baru saja');
  // Training counters: the owner is told the figures are training's; each outlet's takings by method.
  await expect(owner.getByTestId('pusat-training')).toContainText('mode latihan');
  await expect(owner.getByTestId('pusat-methods').first()).toContainText(`Tunai ${formatRupiah(totalB)}`);
  await expect(owner.getByTestId('pusat-unresolved-row')).toHaveCount(1);
  await expect(owner.getByTestId('pusat-unresolved-row')).toContainText('Loket Budi · Kasir 1');
  await expect(owner.getByTestId('pusat-unresolved-row')).toContainText('Menunggu pembayaran pelanggan');
  await owner.screenshot({ path: path.join(process.cwd(), 'test-results', 'screenshots', 'hub-03-owner-1366.png') });
  // N: a new counter's one-time code, by keyboard.
  await owner.keyboard.press('n');
  await expect(owner.getByTestId('pusat-outlet')).toBeFocused();
  await owner.keyboard.type('Loket Cahya');
  await owner.keyboard.press('Tab');
  await owner.keyboard.type('Kasir 1');
  await owner.keyboard.press('Enter');
  await expect(owner.getByTestId('pusat-code')).toHaveText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await expect(table).toContainText('Loket Cahya');
  await owner.setViewportSize({ width: 1024, height: 600 });
  await owner.screenshot({ path: path.join(process.cwd(), 'test-results', 'screenshots', 'hub-04-owner-code-1024.png') });
  // H: a price rule for every outlet, by keyboard; counter A takes it on its next contact.
  await owner.keyboard.press('Escape');
  await owner.setViewportSize({ width: 1366, height: 768 });
  await owner.keyboard.press('h');
  await expect(owner.getByTestId('pusat-rule-key')).toBeFocused();
  await owner.keyboard.type('Pulsa');
  await owner.keyboard.press('Tab');
  await owner.keyboard.press('Tab');
  await owner.keyboard.type('1500');
  await owner.keyboard.press('Enter');
  await expect(owner.getByTestId('pusat-rule-row')).toContainText('Semua outlet');
  await expect(owner.getByTestId('pusat-rule-row')).toContainText('harga penyedia + Rp 1.500');
  await a.api('hub.flush', {});
  const rules = (await a.api('pricing.list', {})) as { ok: boolean; value?: { rules: Array<{ scope: string; key: string; amount: number }> } };
  expect(rules.value?.rules).toContainEqual(expect.objectContaining({ scope: 'category', key: 'Pulsa', amount: 1_500 }));
  // Counter A closes its shift short, with a reason: the owner sees the close.
  const close = (await a.api('shift.close', { counted: 0, denominations: null, reason: 'Dipinjam untuk kembalian toko sebelah' })) as { ok: boolean };
  expect(close.ok).toBe(true);
  await a.api('hub.flush', {});
  await expect(owner.getByTestId('pusat-shift-row')).toContainText('Loket Sari · Kasir 1', { timeout: 15_000 });
  await expect(owner.getByTestId('pusat-shift-row')).toContainText('Dipinjam untuk kembalian toko sebelah');
  await owner.screenshot({ path: path.join(process.cwd(), 'test-results', 'screenshots', 'hub-05-owner-rules-1366.png'), fullPage: true });
  // The deposits and the books, from the counters' journals: VSI's deposit took both outlets' tokens.
  await expect(owner.getByTestId('pusat-deposit-row').filter({ hasText: 'Loket Sari · Kasir 1' }).filter({ hasText: 'Deposit VSI' })).toBeVisible();
  await expect(owner.getByTestId('pusat-books')).toContainText('Buku besar Semua outlet (mode latihan)');
  await expect(owner.getByTestId('pusat-books-total')).toContainText('Seimbang');
  // B: one outlet's books at a time, then all again.
  await owner.keyboard.press('b');
  await expect(owner.getByTestId('pusat-books')).toContainText('Buku besar Loket Budi');
  await expect(owner.getByTestId('pusat-book-row').filter({ hasText: '1101 Kas laci' })).toContainText(formatRupiah(totalB));
  // Counter B's sale is changed on its PC with another program after it was sent: the owner is told, the sale named.
  const edited = new Database(path.join(b.dataDir, 'loket.db'));
  edited.prepare("UPDATE sales SET margin = margin + 5000, total = total + 5000 WHERE state = 'succeeded'").run();
  edited.close();
  await b.api('hub.flush', {});
  await expect(owner.getByTestId('pusat-flag-row')).toContainText('Loket Budi · Kasir 1', { timeout: 15_000 });
  await expect(owner.getByTestId('pusat-flag-row')).toContainText('Penjualan 000001 diubah setelah dikirim');
  await owner.evaluate(() => window.scrollTo(0, 0));
  await owner.screenshot({ path: path.join(process.cwd(), 'test-results', 'screenshots', 'hub-06-owner-flag-books-1366.png'), fullPage: true });
  // P: the day's report across outlets as a PDF.
  const download = owner.waitForEvent('download');
  await owner.keyboard.press('p');
  const file = await download;
  expect(file.suggestedFilename()).toBe(`loket-pusat-${day}.pdf`);
  const pdfPath = path.join(process.cwd(), 'test-results', 'screenshots', 'hub-07-day-report.pdf');
  await file.saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  // Without the token the page's calls are refused in words.
  const stranger = await browser.newPage();
  await stranger.goto(`${server.url}/`);
  await expect(stranger.getByTestId('pusat-error')).toContainText('Token pemilik diperlukan');
  await stranger.close();
  await owner.close();
});

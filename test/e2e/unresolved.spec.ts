// The unresolved panel on the transactions screen: every sale not finished with, what Loket is
// doing about it, who acts next — reached and worked with the keyboard.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pdfText } from '../support/pdf-text';
import { SHOTS, shot, webModeForFile } from './web-mode';

const app = webModeForFile();

async function sellByKeyboard(page: Page, number: string, key: string): Promise<void> {
  await page.keyboard.press('F2');
  await page.getByTestId('customer-number').fill(number);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).toBeVisible();
  await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
}

/** One of the list's own refreshes has answered and the next one has begun: the answer is on screen. */
async function refreshed(page: Page): Promise<void> {
  const today = (u: string): boolean => u.endsWith('/api/ledger.today');
  await page.waitForResponse((r) => today(r.url()));
  await page.waitForRequest((r) => today(r.url()));
}

test('sales not finished with are listed with what Loket is doing; the cashier hands cash back from the panel', async ({ page }) => {
  await app().open(page);
  // One the provider keeps not finding (Loket keeps asking), one that failed with cash to hand back.
  await sellByKeyboard(page, '99000000032', '1');
  await expect(page.getByTestId('status-pending').or(page.getByTestId('status-sending'))).toBeVisible();
  await sellByKeyboard(page, '99000000046', '1');
  await expect(page.getByTestId('status-failed')).toBeVisible();

  await page.keyboard.press('F3');
  const panel = page.getByTestId('unresolved');
  await expect(panel).toContainText('Belum tuntas (2)');
  const items = panel.locator('li');
  await expect(items.nth(0)).toContainText('Hasil belum pasti — Loket menanyakan VSI dengan ID yang sama, tidak membeli ulang');
  await expect(items.nth(0)).toContainText(/cek ke-\d+/);
  await expect(items.nth(0)).toContainText('Loket');
  await expect(items.nth(1)).toContainText(/Kembalikan Rp \d{2}\.\d{3} tunai dari laci, lalu konfirmasi/);
  await expect(items.nth(1)).toContainText('Kasir');
  await shot(page, 'unresolved-01-panel');

  // U moves the cursor into the panel; ↓ Enter opens the cash one; R records it handed back.
  await page.keyboard.press('u');
  await expect(panel).toHaveClass(/active/);
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toHaveClass(/selected/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail')).toContainText('Transaksi gagal');
  await shot(page, 'unresolved-02-opened');
  await page.keyboard.press('r');
  await page.getByTestId('confirm-yes').click();
  await expect(panel).toContainText('Belum tuntas (1)');
  await expect(panel).not.toContainText('tunai dari laci');
});

test('a long day: the list scrolls through every sale with only the rows in view on the page; D downloads the day report as PDF', async ({ page }) => {
  const sell = async (number: string): Promise<void> => {
    const inq = (await app().api('pln.inquire', { customerNumber: number })).value as { inquiryId: string; options: { denomination: number; amounts: { total: number } }[] };
    const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
    const r = await app().api('sale.startPlnToken', { clientRequestId: `e2e-${number}-${Math.random()}`, confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: total } });
    expect(r.ok).toBe(true);
  };
  for (let i = 0; i < 130; i++) await sell(i % 2 === 0 ? '14233784991' : '12345678901');
  // With the sales the other test in this file made.
  const total = String(((await app().api('ledger.today', { status: 'all', limit: 1 })).value as { totals: { count: number } }).totals.count);
  expect(Number(total)).toBeGreaterThanOrEqual(130);

  await app().open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.press('F3');
  const table = page.getByTestId('tx-table');
  await expect(table).toHaveAttribute('aria-rowcount', '50');
  const rendered = page.locator('[data-testid="tx-table"] tbody tr[aria-rowindex]');
  expect(await rendered.count()).toBeLessThan(40);
  // The cursor walks down; the next pages load on the way, and the rows stay few.
  for (let i = 0; i < 14; i++) await page.keyboard.press('PageDown');
  await expect(table).toHaveAttribute('aria-rowcount', /^1[0-9]{2}$/);
  for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
  await expect(table).toHaveAttribute('aria-rowcount', total);
  // The last page may land after the last key: two more reach the end.
  for (let i = 0; i < 2; i++) await page.keyboard.press('PageDown');
  await expect(page.locator('tr.selected')).toBeInViewport();
  await expect(page.locator('tr.selected')).toHaveAttribute('aria-rowindex', total);
  expect(await rendered.count()).toBeLessThan(40);
  await shot(page, 'unresolved-03-long-list');
  // The 4-second refresh does not throw away the rows loaded further down: a refresh's answer has
  // come back and been taken in (the next refresh has already started) before the rows are counted.
  await refreshed(page);
  await expect(table).toHaveAttribute('aria-rowcount', total);

  const download = page.waitForEvent('download');
  await page.keyboard.press('d');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^loket-laporan-harian-\d{4}-\d{2}-\d{2}\.pdf$/);
  const saved = path.join(SHOTS, 'day-report.pdf');
  await file.saveAs(saved);
  const text = pdfText(readFileSync(saved)).join('\n');
  expect(text).toContain('LAPORAN HARIAN');
  expect(text).toContain(`Daftar transaksi (${total})`);
  expect(text).toMatch(/Penjualan berhasil \(\d+×\)/);
  expect(text).toContain('Tunai');

  // Another filter is another list: none of the 132 rows loaded above stays in it.
  await page.keyboard.press('2');
  await expect(page.locator('[data-testid="tx-table"] tr[aria-rowindex="1"]')).toContainText('Berhasil');
  await expect(table).toHaveAttribute('aria-rowcount', '50');
  await refreshed(page);
  await expect(table).toHaveAttribute('aria-rowcount', '50');
  await expect(page.locator('[data-testid="tx-table"] tbody')).not.toContainText('Pending');
});

// A day through the screens, where every figure must be the books': a float, a cash sale and a
// QRIS sale, both refunded (the QRIS in full, the cash in part) by the owner, a short drawer — the
// X and Z reports, the books' drawer and the day PDF agree. Then the counter's edges: a double
// Enter and two tabs buy once; a reload comes back to the waiting QR; a pending token that
// resolves while the cashier is elsewhere announces itself. Screens looked at at 1366×768 and 1024×600.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '../support/pdf-text';
import { SHOTS, shot, webModeForFile, setupOwnerByKeyboard, confirmRecoveryKey, toPayment } from './web-mode';

const app = webModeForFile({}, { signedOut: true });

/** Each test stands alone (a failed one restarts web mode): the owner's account, if this web mode has none yet. */
async function owner(): Promise<void> {
  const made = await app().api('counter.setupOwner', { name: 'Pemilik', pin: '1234' });
  if (made.ok) return confirmRecoveryKey(app().api);
  const signed = await app().api('counter.signIn', { name: 'Pemilik', pin: '1234' });
  if (!signed.ok) throw new Error(`the owner cannot sign in: ${JSON.stringify(signed)}`);
}

async function refundSelected(page: Page, amount: string | null, reason: string): Promise<void> {
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail')).toBeVisible();
  await page.keyboard.press('u');
  await expect(page.getByTestId('refund-amount')).toBeFocused();
  if (amount) {
    await page.keyboard.press('Control+a');
    await page.keyboard.type(amount);
  }
  await page.keyboard.press('Tab');
  await page.keyboard.type(reason);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail')).toContainText('Sudah di-refund');
  await page.keyboard.press('Escape');
}

test('a day with refunds and a short drawer: X, Z, the books and the day PDF agree to the rupiah', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await app().enter(page);
  await setupOwnerByKeyboard(page);
  await page.keyboard.press('F6');
  await page.keyboard.type('200000');
  await expect(page.getByTestId('shift-float')).toHaveValue('200.000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('x-refresh')).toBeVisible();

  // Rp 22.500 in cash (Rp 50.000 given), Rp 22.500 by QRIS.
  await toPayment(page, '14233784991');
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await toPayment(page, '12345678901');
  await page.keyboard.press('q');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();

  // The QRIS sale refunded in full, Rp 1.000 of the cash sale handed back from the drawer.
  await page.keyboard.press('F3');
  const rows = page.getByTestId('tx-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('tx-table').locator('tr.selected')).toContainText('QRIS');
  await refundSelected(page, null, 'Salah meter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('tx-table').locator('tr.selected')).toContainText('14233784991');
  await refundSelected(page, '1000', 'Salah nominal');

  await page.keyboard.press('F6');
  const x = page.getByTestId('receipt');
  await expect(x).toContainText('LAPORAN X');
  await expect(x).toContainText('MODE TRAINING');
  await expect(x).toContainText(/Penjualan \(2\)\s+Rp 45\.000/);
  await expect(x).toContainText(/Refund \(2\)\s+-Rp 23\.500/);
  await expect(x).toContainText(/Penjualan bersih\s+Rp 21\.500/);
  await expect(x).toContainText(/Refund tunai\s+-Rp 1\.000/);
  // Float 200.000 + 22.500 in cash − 1.000 back = 221.500.
  await expect(page.getByTestId('shift-expected')).toHaveText('Rp 221.500');
  await shot(page, 'books-01-x-report-1366');

  // Petty cash of Rp 5.000 for struk paper, approved (the owner approves herself).
  await page.getByTestId('move-amount').fill('5000');
  await page.getByTestId('move-reason').fill('kertas struk');
  await page.getByTestId('move-submit').click();
  await expect(page.getByTestId('move-done')).toContainText('Rp 5.000');
  await expect(page.getByTestId('shift-expected')).toHaveText('Rp 216.500');

  // The drawer holds Rp 215.500: Rp 1.000 short, explained.
  await page.getByTestId('count-total').fill('215.500');
  await expect(page.getByTestId('shift-variance')).toHaveText('-Rp 1.000');
  await page.getByTestId('shift-reason').fill('kembalian lebih');
  await page.getByTestId('count-total').press('Enter');
  await expect(page.getByTestId('z-report')).toBeVisible();
  const z = page.getByTestId('receipt');
  await expect(z).toContainText(/Refund \(2\)\s+-Rp 23\.500/);
  await expect(z).toContainText(/Kas dihitung\s+Rp 215\.500/);
  await expect(z).toContainText(/Selisih\s+-Rp 1\.000/);
  await shot(page, 'books-02-z-report-1366');

  // The books hold the drawer as counted; over/short carries the difference.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('account-1101')).toContainText('Rp 215.500');
  await expect(page.getByTestId('account-6101')).toContainText('Rp 1.000');
  await shot(page, 'books-03-trial-balance-1366');

  // F3's totals and the day PDF say the same.
  await page.keyboard.press('F3');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('refunds-total')).toContainText('-Rp 23.500');
  await expect(page.getByTestId('refunds-total')).toContainText('bersih Rp 21.500');
  await expect(page.getByTestId('cash-in-drawer')).toHaveText('Rp 215.500');
  await shot(page, 'books-04-f3-totals-1366');
  const download = page.waitForEvent('download');
  await page.keyboard.press('d');
  const saved = path.join(SHOTS, 'day-books.pdf');
  await (await download).saveAs(saved);
  const text = pdfText(readFileSync(saved));
  const after = (label: string): string => text[text.indexOf(label) + 1]!;
  expect(after('Penjualan berhasil (2×)')).toBe('Rp 45.000');
  expect(after('Refund (2×)')).toBe('-Rp 23.500');
  expect(after('Penjualan bersih')).toBe('Rp 21.500');
  expect(after('Kas laci di buku sekarang')).toBe('Rp 215.500');
});

test('a double Enter and two tabs buy once; a second purchase needs an explicit yes', async ({ page, context }) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  await owner();
  await app().open(page);
  await page.keyboard.press('F6');
  await page.keyboard.type('100000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('x-refresh')).toBeVisible();
  await toPayment(page, '14233784993');
  await shot(page, 'edges-01-payment-1024');
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await shot(page, 'edges-02-token-1024');

  // The same meter and amount again, minutes later: Enter twice goes nowhere — the question's focus is on "Batal".
  await toPayment(page, '14233784993');
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('sudah membeli produk yang sama');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('tendered')).toBeVisible();
  // Only an explicit yes buys again.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('status-succeeded')).toBeVisible();

  // Two tabs of the counter press Enter at the same moment for one meter: one buys.
  const other = await context.newPage();
  await other.setViewportSize({ width: 1024, height: 600 });
  await other.goto(app().url);
  for (const p of [page, other]) await toPayment(p, '14233784994');
  for (const p of [page, other]) await p.keyboard.press('F5');
  await Promise.all([page.keyboard.press('Enter'), other.keyboard.press('Enter')]);
  const outcome = async (p: Page): Promise<string> => {
    await expect(p.getByTestId('status-succeeded').or(p.getByTestId('error')).or(p.getByRole('alertdialog')).first()).toBeVisible();
    return (await p.getByTestId('status-succeeded').count()) > 0 ? 'bought' : 'refused';
  };
  expect([await outcome(page), await outcome(other)].sort()).toEqual(['bought', 'refused']);
  const sold = (await app().api('ledger.search', { from: '2000-01-01', to: '2000-01-01', query: '14233784994' })).value as { items: unknown[] };
  expect(sold.items).toHaveLength(1);
  await other.close();
});

test('a reload comes back to the waiting QR; a pending token that resolves elsewhere announces itself', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  await owner();
  // A shift, unless the test before left one open.
  await app().api('shift.open', { openingFloat: 0 });
  await app().open(page);
  await toPayment(page, '12345678902');
  await page.keyboard.press('q');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  await expect(page.getByTestId('payment-qr')).toBeVisible();
  await shot(page, 'edges-03-qris-wait-1024');
  await page.reload();
  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  await expect(page.getByTestId('payment-qr')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();

  // A pending token (the provider answers "in process"): the cashier serves the next customer meanwhile.
  await toPayment(page, '99000000052');
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-pending')).toBeVisible();
  await expect(page.getByTestId('last-answer')).toContainText('VSI');
  await shot(page, 'edges-04-pending-1024');
  await page.keyboard.press('F7');
  const notice = page.getByTestId('resolved-notice');
  await expect(notice).toContainText('berhasil — siap diserahkan', { timeout: 30_000 });
  await shot(page, 'edges-05-resolved-notice-1024');
  await page.keyboard.press('F3');
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('sale-detail')).toBeVisible();
  await expect(page.getByTestId('sale-detail').getByTestId('token')).toHaveText(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);

  // The shift close at 1024×600: every action on screen.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('shift-close-submit')).toBeInViewport();
  await shot(page, 'edges-06-shift-close-1024');
});

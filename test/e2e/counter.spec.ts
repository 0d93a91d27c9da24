// A day at the counter through the screens: the owner's first account, a cashier and a supervisor,
// the cashier signs in, opens a shift with a float, sells two tokens, and the shift is closed by
// counting the drawer with a variance, approved by the supervisor — then the Z report.
import { expect, test, type Page } from '@playwright/test';
import { shot, stubPrint, webModeForFile, setupOwnerByKeyboard, signInByKeyboard } from './web-mode';

const app = webModeForFile({}, { signedOut: true });

const signIn = signInByKeyboard;

async function sellToken(page: Page, number: string, total: string): Promise<void> {
  await page.keyboard.press('F2');
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('1');
  await expect(page.getByTestId('total')).toHaveText(total);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
}

test('sign-in → open shift → two sales → close with a variance approved by a supervisor → Z report', async ({ page }) => {
  await stubPrint(page);
  await app().enter(page);
  // Day one: the owner's account.
  await expect(page.getByTestId('sign-in')).toContainText('Buat akun pemilik');
  await shot(page, 'counter-01-setup');
  await setupOwnerByKeyboard(page);
  await expect(page.getByTestId('who')).toContainText('Pemilik · Pemilik');

  // The owner adds a cashier and a supervisor.
  await page.keyboard.press('F9');
  await page.getByTestId('new-user-name').fill('Sari');
  await page.getByTestId('new-user-pin').fill('1111');
  await page.getByTestId('new-user-save').click();
  await expect(page.getByTestId('user-Sari')).toContainText('Kasir');
  await page.getByTestId('new-user-name').fill('Budi');
  await page.getByTestId('new-user-role').selectOption('supervisor');
  await page.getByTestId('new-user-pin').fill('2222');
  await page.getByTestId('new-user-save').click();
  await expect(page.getByTestId('user-Budi')).toContainText('Supervisor');
  await shot(page, 'counter-02-users');
  await page.getByTestId('sign-out').click();

  // The cashier's shift.
  await signIn(page, 'Sari', '1111');
  await expect(page.getByTestId('who')).toContainText('Sari · Kasir');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('no-shift')).toBeVisible();
  await page.keyboard.press('F6');
  await expect(page.getByTestId('shift-float')).toBeFocused();
  await page.keyboard.type('100000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('x-refresh')).toBeVisible();
  await sellToken(page, '14233784991', 'Rp 22.500');
  await sellToken(page, '12345678901', 'Rp 22.500');

  // Close by a blind count: the cashier counts Rp 143.000 without seeing that the books say
  // Rp 145.000; only after the count does Loket say the difference and ask why.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('count-100000')).toBeFocused();
  await expect(page.getByTestId('shift-expected')).toHaveCount(0);
  await expect(page.getByTestId('blind-note')).toBeVisible();
  await page.keyboard.type('1');
  await page.getByTestId('count-20000').fill('2');
  await page.getByTestId('count-1000').fill('3');
  await expect(page.getByTestId('shift-counted')).toHaveText('Rp 143.000');
  await page.getByTestId('approval-name').fill('Budi');
  await page.getByTestId('approval-pin').fill('2222');
  await page.getByTestId('approval-pin').press('Enter');
  await expect(page.getByTestId('shift-unexplained')).toHaveText('Uang di laci kurang Rp 2.000 dari catatan (seharusnya Rp 145.000). Tulis alasan selisihnya.');
  await expect(page.getByTestId('shift-reason')).toBeFocused();
  await page.keyboard.type('kembalian kurang');
  await shot(page, 'counter-03-close');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('z-report')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('LAPORAN Z - TUTUP SHIFT');
  await expect(page.getByTestId('receipt')).toContainText('Ditutup oleh');
  await expect(page.getByTestId('receipt')).toContainText('Budi');
  await expect(page.getByTestId('receipt')).toContainText('-Rp 2.000');
  await expect(page.getByTestId('receipt')).toContainText('kembalian kurang');
  await shot(page, 'counter-04-z-report');
  await page.keyboard.press('p');
  await expect(page.getByTestId('print-status')).toHaveText('Dicetak di printer virtual (pelatihan): kertasnya tampil di samping.');
  await expect(page.getByTestId('paper')).toContainText('LAPORAN Z - TUTUP SHIFT');
});

test("a cashier's refund waits for a supervisor's name and PIN typed at the counter", async ({ page }) => {
  // A new browser is a new session: nobody is signed in at it yet.
  await app().enter(page);
  await signIn(page, 'Sari', '1111');
  await page.keyboard.press('F6');
  await expect(page.getByTestId('shift-float')).toBeFocused();
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('x-refresh')).toBeVisible();
  await page.keyboard.press('F2');
  await page.keyboard.type('885555555555');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('q');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();

  await page.keyboard.press('F3');
  await expect(page.getByTestId('tx-table').locator('tr.selected')).toContainText('QRIS');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail')).toBeVisible();
  await page.keyboard.press('u');
  await expect(page.getByTestId('refund-amount')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pelanggan salah nominal');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('approval-dialog')).toContainText('Perlu persetujuan supervisor');
  await expect(page.getByTestId('approval-dialog-name')).toBeFocused();
  await page.keyboard.type('Budi');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2222');
  await shot(page, 'counter-05-approval');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail')).toContainText('Sudah di-refund Rp 1.000');
});

test('the owner finds a sale by meter number on any day, filters by method, and exports the selection', async ({ page }) => {
  await app().enter(page);
  await signIn(page, 'Pemilik', '1234');
  await page.keyboard.press('F3');
  await expect(page.getByTestId('tx-table')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByTestId('tx-search')).toBeFocused();
  await page.keyboard.type('12345678901');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selection-title')).toContainText('12345678901');
  await expect(page.getByTestId('tx-table').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('tx-search').fill('');
  await page.getByTestId('tx-method').selectOption('qris');
  await page.getByTestId('tx-apply').click();
  await expect(page.getByTestId('selection-title')).toContainText('s/d');
  await expect(page.getByTestId('tx-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('selection-by-method')).toContainText('QRIS: Rp 21.600 (1×)');
  // The QRIS sale was made in the shift still open; the first shift's cash sales are not in it.
  await page.getByTestId('tx-method').selectOption('');
  await page.getByTestId('tx-this-shift').check();
  await page.getByTestId('tx-apply').click();
  await expect(page.getByTestId('tx-table').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('tx-this-shift').uncheck();
  await page.getByTestId('tx-method').selectOption('qris');
  await page.getByTestId('tx-apply').click();
  await expect(page.getByTestId('selection-by-method')).toContainText('QRIS: Rp 21.600 (1×)');
  await shot(page, 'counter-06-search');
  const download = page.waitForEvent('download');
  await page.getByTestId('tx-export').click();
  expect((await download).suggestedFilename()).toMatch(/^loket-transaksi-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  await page.getByTestId('tx-today').click();
  await expect(page.getByTestId('tx-table').locator('tbody tr')).toHaveCount(3);
});

test('a drawer counted as one total closes the shift just as well', async ({ page }) => {
  await app().enter(page);
  await signIn(page, 'Pemilik', '1234');
  // Sari's shift from the refund test is still open: Rp 50.000 float, the one sale paid by QRIS.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('shift-expected')).toHaveText('Rp 50.000');
  await page.getByTestId('count-total').fill('abc');
  await page.getByTestId('count-total').press('Enter');
  await expect(page.getByTestId('error')).toContainText('Total uang di laci harus angka rupiah');
  await page.getByTestId('count-total').fill('50.000');
  await expect(page.getByTestId('count-100000')).toBeDisabled();
  await expect(page.getByTestId('shift-counted')).toHaveText('Rp 50.000');
  await expect(page.getByTestId('shift-variance')).toHaveText('Rp 0');
  await page.getByTestId('count-total').press('Enter');
  await expect(page.getByTestId('z-report')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('LAPORAN Z - TUTUP SHIFT');
  await expect(page.getByTestId('receipt')).toContainText('Sari');
});

test('a cashier locked out by wrong PINs: the owner sees it, unlocks the account and sets a new PIN', async ({ page }) => {
  // Five wrong PINs for Sari, from a session of their own.
  for (let i = 0; i < 5; i++) await app().api('counter.signIn', { name: 'Sari', pin: '9999' });
  await app().enter(page);
  await signIn(page, 'Sari', '1111');
  await expect(page.getByTestId('error')).toContainText('minta supervisor atau pemilik membuka kuncinya');

  await page.getByTestId('sign-in-name').fill('');
  await page.getByTestId('sign-in-pin').fill('');
  await page.getByTestId('sign-in-name').focus();
  await signIn(page, 'Pemilik', '1234');
  await page.keyboard.press('F9');
  const sari = page.getByTestId('user-Sari');
  await expect(sari).toContainText('terkunci s.d.');
  for (const [width, height] of [[1366, 768], [1024, 600]] as const) {
    await page.setViewportSize({ width, height });
    await sari.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/counter-07-locked-${width}.png` });
  }
  await page.getByTestId('unlock-Sari').click();
  await expect(page.getByTestId('users-notice')).toHaveText('Kunci akun Sari dibuka.');
  await expect(sari).not.toContainText('terkunci');
  await page.getByTestId('reset-pin-Sari').click();
  await expect(page.getByTestId('reset-pin-value')).toBeFocused();
  await page.keyboard.type('5555');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('users-notice')).toHaveText('PIN Sari diganti.');
  await page.getByTestId('sign-out').click();

  await signIn(page, 'Sari', '5555');
  await expect(page.getByTestId('who')).toContainText('Sari');
});

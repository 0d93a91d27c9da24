import { expect, test } from '@playwright/test';
import { shot, webModeForFile } from './web-mode';

const app = webModeForFile();

test('a wrong meter number gets a clear message and loses nothing', async ({ page }) => {
  await app().open(page);
  const input = page.getByTestId('customer-number');
  await input.fill('1234567890');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error')).toContainText('Nomor meter harus 11 digit atau ID pelanggan 12 digit');
  await expect(input).toHaveValue('1234567890');
  await expect(input).toBeFocused();
  await shot(page, '10-bad-length');

  await page.keyboard.type('99000000014');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error')).toContainText('tidak terdaftar');
  await expect(input).toHaveValue('99000000014');
  await expect(input).toBeFocused();
  await shot(page, '11-unknown-meter');

  await page.keyboard.type('14233784991');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.type('1000');
  await expect(page.getByTestId('change')).toContainText('Kurang');
  await expect(page.getByTestId('pay')).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeVisible();
  await shot(page, '12-short-cash');

  await page.keyboard.press('F3');
  await expect(page.getByText('Belum ada transaksi.')).toBeVisible();
});

test('a definite provider failure shows the cash to hand back, then records it', async ({ page }) => {
  await app().open(page);
  await page.getByTestId('customer-number').fill('99000000046');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).toBeVisible();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  // The customer hands over Rp 50.000; the sale fails before any change was given.
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-failed')).toBeVisible();
  await expect(page.getByTestId('failure-message')).toContainText('deposit');
  await expect(page.getByTestId('refund-due')).toHaveText('Kembalikan uang Rp 50.000 ke pelanggan');
  await expect(page.getByTestId('refund-detail')).toContainText('Uang diterima Rp 50.000');
  await expect(page.getByTestId('receipt')).toContainText('Uang diterima');
  await expect(page.getByTestId('new-sale')).toBeDisabled();
  await shot(page, '13-failed-refund');
  // R asks first, with the amount; a stray Enter on the dialog cancels.
  await page.keyboard.press('r');
  await expect(page.getByRole('alertdialog')).toContainText('Catat uang Rp 50.000 sudah diserahkan');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByTestId('refund-due')).toBeVisible();
  await page.keyboard.press('r');
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('refunded')).toContainText('Uang Rp 50.000 sudah dikembalikan');
  await expect(page.getByTestId('new-sale')).toBeEnabled();
});

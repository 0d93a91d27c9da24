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
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-failed')).toBeVisible();
  await expect(page.getByTestId('failure-message')).toContainText('deposit');
  await expect(page.getByTestId('refund-due')).toHaveText(/^Kembalikan uang Rp \d{2}\.\d{3} ke pelanggan$/);
  await expect(page.getByTestId('new-sale')).toBeDisabled();
  await shot(page, '13-failed-refund');
  await page.keyboard.press('r');
  await expect(page.getByTestId('refunded')).toContainText('sudah dikembalikan');
  await expect(page.getByTestId('new-sale')).toBeEnabled();
});

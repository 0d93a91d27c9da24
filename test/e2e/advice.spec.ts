import { expect, test } from '@playwright/test';
import { shot, webModeForFile } from './web-mode';

const app = webModeForFile();

test('a PAY that times out goes PENDING, the meter is blocked, and advice resolves it to a token', async ({ page }) => {
  await app().open(page);
  await page.getByTestId('customer-number').fill('99000000068');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).toBeVisible();
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('status-pending')).toContainText('PENDING');
  await expect(page.getByTestId('status-pending')).toContainText('JANGAN beli atau bayar ulang');
  await expect(page.getByTestId('receipt')).toContainText('BUKTI TRANSAKSI PENDING');
  await expect(page.getByTestId('pending-count')).toBeVisible();
  await shot(page, '20-pending');

  await expect(page.getByTestId('status-succeeded')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('token')).toHaveText(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('receipt')).toContainText('STROOM/TOKEN');
  await shot(page, '21-resolved-by-advice');
});

test('while a sale is pending its meter cannot be sold again; the cashier can check status by hand', async ({ page }) => {
  await app().open(page);
  await page.getByTestId('customer-number').fill('99000000030');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).toBeVisible();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-sending').or(page.getByTestId('status-pending')).or(page.getByTestId('status-succeeded'))).toBeVisible();

  const second = await page.context().newPage();
  await app().open(second);
  await second.getByTestId('customer-number').fill('99000000030');
  await second.keyboard.press('Enter');
  const blocked = second.getByTestId('error');
  const sold = second.getByTestId('customer');
  await expect(blocked.or(sold)).toBeVisible();
  if (await blocked.isVisible()) await expect(blocked).toContainText('belum selesai');

  await expect(page.getByTestId('status-pending').or(page.getByTestId('status-succeeded'))).toBeVisible({ timeout: 20_000 });
  if (await page.getByTestId('status-pending').isVisible()) await page.keyboard.press('c');
  await expect(page.getByTestId('status-succeeded')).toBeVisible({ timeout: 20_000 });
});

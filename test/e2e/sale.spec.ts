import { expect, test } from '@playwright/test';
import { shot, webModeForFile, stubPrint } from './web-mode';

const app = webModeForFile();

test('a cashier sells a PLN token with the keyboard alone, prints it, and finds it in today’s list', async ({ page }) => {
  await stubPrint(page);
  await app().open(page);
  await expect(page.getByTestId('training-banner')).toContainText('MODE TRAINING');
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await shot(page, '01-number');

  await page.keyboard.type('88888888888');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).toContainText("TestDu''mmyPanjang8855555");
  await expect(page.getByTestId('tariff')).toHaveText('R2/7000 VA');
  await expect(page.getByTestId('admin-fee')).toHaveText('Rp 1.600');
  await page.keyboard.press('4');
  await expect(page.getByTestId('total')).toHaveText('Rp 201.600');
  await shot(page, '02-customer-denomination');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.type('205000');
  await expect(page.getByTestId('tendered')).toHaveValue('205.000');
  await expect(page.getByTestId('change')).toHaveText('Kembalian: Rp 3.400');
  await shot(page, '03-payment');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  const token = (await page.getByTestId('token').textContent()) ?? '';
  expect(token).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('result-change')).toHaveText('Kembalian: Rp 3.400');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('STRUK PEMBELIAN LISTRIK PRABAYAR');
  await expect(receipt).toContainText(token);
  await expect(receipt).toContainText('Rp 201.600');
  await expect(receipt).toContainText('MODE TRAINING');
  await shot(page, '04-token');

  await page.keyboard.press('p');
  await expect(page.getByTestId('print-status')).toHaveText('Dicetak di printer virtual (pelatihan): kertasnya tampil di samping.');
  await expect(page.getByTestId('paper')).toContainText(token);
  await expect(page.getByTestId('paper-cut')).toBeVisible();

  await page.keyboard.press('F3');
  const row = page.getByTestId('tx-row-000001');
  await expect(row).toContainText("TestDu''mmyPanjang8855555");
  await expect(row).toContainText('Berhasil');
  await expect(page.getByTestId('totals')).toContainText('Rp 201.600');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail')).toContainText(token);
  await page.keyboard.press('p');
  await expect(page.getByTestId('sale-detail').getByTestId('receipt')).toContainText('SALINAN ke-');
  await expect(page.getByTestId('sale-detail').getByTestId('paper')).toContainText('SALINAN ke-');
  await shot(page, '05-transactions-reprint');

  await page.keyboard.press('Escape');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await expect(page.getByTestId('customer-number')).toHaveValue('');
});

test('English is one key away and rupiah stay in Indonesian format', async ({ page }) => {
  await app().open(page);
  await page.getByTestId('toggle-locale').click();
  await expect(page.getByTestId('training-banner')).toContainText('TRAINING MODE');
  await page.getByTestId('customer-number').fill('12345678901');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Choose the token amount')).toBeVisible();
  await expect(page.getByTestId('total')).toContainText('Rp 10');
  await shot(page, '06-english');
  await page.getByTestId('toggle-locale').click();
  await expect(page.getByText('Pilih nominal token')).toBeVisible();
});

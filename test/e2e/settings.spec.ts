import { expect, test } from '@playwright/test';
import { shot, webModeForFile } from './web-mode';

const app = webModeForFile();

test('the owner names the outlet for the receipt; production needs https credentials, kept masked', async ({ page }) => {
  await app().open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.press('F9');
  const name = page.getByTestId('outlet-name');
  await name.fill('Warung Berkah Jaya');
  await name.press('Enter');
  await expect(page.getByText('Tersimpan.')).toBeVisible();
  await expect(page.locator('.brand .outlet')).toHaveText('Warung Berkah Jaya');

  await page.getByTestId('mode-production').click();
  await expect(page.getByTestId('mode-training')).toBeChecked();
  await expect(page.getByTestId('error')).toContainText('Isi dulu kredensial');
  await expect(page.getByTestId('training-banner')).toBeVisible();

  await page.getByTestId('vsi-url').fill('http://vsi.example.com/api');
  await page.getByTestId('vsi-cid').fill('MITRA01');
  await page.getByTestId('vsi-secret').fill('rahasia-sekali-1234');
  await page.getByTestId('vsi-save').click();
  await expect(page.getByTestId('error')).toContainText('https://');
  await page.getByTestId('vsi-url').fill('https://vsi.example.com/api');
  await page.getByTestId('vsi-save').click();
  await expect(page.getByTestId('vsi-secret')).toHaveValue('');
  await expect(page.getByTestId('vsi-secret')).toHaveAttribute('placeholder', /••••••••1234/);
  const settings = await page.evaluate(async (url) => (await fetch(`${url}api/settings.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).text(), app().url);
  expect(settings).not.toContain('rahasia-sekali');
  // The secret goes only where it was entered for: another address needs it typed again.
  await page.getByTestId('vsi-url').fill('https://lain.example.com/api');
  await page.getByTestId('vsi-save').click();
  await expect(page.getByTestId('error')).toContainText('masukkan secret-nya lagi');
  await shot(page, '31-settings-secret-bound');
  await page.getByTestId('vsi-url').fill('https://vsi.example.com/api');
  await page.getByTestId('vsi-save').click();
  await expect(page.getByTestId('error')).toHaveCount(0);
  await shot(page, '30-settings');

  await page.keyboard.press('F2');
  await page.keyboard.type('14233784991');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).toBeVisible();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toContainText('Warung Berkah Jaya');
});

test('the owner verifies the ledger against its audit chain', async ({ page }) => {
  await app().open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.press('F9');
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-intact')).toContainText(/UTUH: \d+ entri audit, \d+ baris diperiksa/);
  await shot(page, 'audit-01-intact');
});

test('the owner reads the books after a sale, records the opening SAT deposit and sees it reconcile', async ({ page }) => {
  await app().open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.type('12345678901');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('1');
  await expect(page.getByTestId('total')).toHaveText('Rp 22.500');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await page.keyboard.press('F10');
  // This file's first test sold a token for Rp 22.500 too.
  await expect(page.getByTestId('account-1101')).toContainText('Rp 45.000');
  await expect(page.getByTestId('books-check')).toContainText('Aset Rp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('statement')).toContainText('Diterima (cash)');
  await page.getByTestId('deposit-amount').fill('50000000');
  await page.getByTestId('deposit-note').fill('saldo awal');
  await page.getByTestId('deposit-save').click();
  await expect(page.getByTestId('deposit-sat')).toContainText('Rp 50.000.000');
  await expect(page.getByTestId('deposit-sat').locator('td').last()).toHaveText('Rp 0');
  await shot(page, 'books-01-reconciled');
});

// Bitcoin at the counter, keyboard only, against the training Chainside simulator in web mode.
import { expect, test, type Page } from '@playwright/test';
import { shot, stubPrint, webModeForFile } from './web-mode';

const app = webModeForFile();

async function open(page: Page): Promise<void> {
  await page.goto(app().url);
  await expect(page.getByTestId('customer-number')).toBeFocused();
}

test('a PLN token paid in bitcoin: the order QR, half paid, the rest seen, one confirmation, then the token', async ({ page }) => {
  await stubPrint(page);
  await open(page);
  await page.keyboard.type('14233784991');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('2');
  await expect(page.getByTestId('total')).toHaveText('Rp 52.500');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('b');
  await expect(page.getByTestId('method-bitcoin')).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'btc-01-chosen');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  await expect(page.getByTestId('payment-qr')).toHaveAttribute('data-payload', /^bitcoin:bcrt1q[a-z0-9]{38}\?amount=0\.000035$/);
  await expect(page.getByTestId('btc-amount')).toHaveText('0.000035 BTC');
  await expect(page.getByTestId('btc-state')).toContainText('Menunggu transaksi');
  await expect(page.getByTestId('countdown')).toContainText(/Berlaku \d{2}:\d{2} lagi/);
  await shot(page, 'btc-02-waiting');

  await page.keyboard.press('h');
  await expect(page.getByTestId('btc-state')).toContainText('Baru sebagian: kurang 0.0000175 BTC (Rp 26.250)');
  await shot(page, 'btc-03-partial');
  await page.keyboard.press('b');
  await expect(page.getByTestId('btc-state')).toContainText('Pembayaran terlihat — 0 dari 1 konfirmasi');
  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  await shot(page, 'btc-04-seen');
  await page.keyboard.press('m');

  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('token')).toHaveText(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('paid-with')).toContainText(/Dibayar dengan Bitcoin · txid [0-9a-f]{10}…[0-9a-f]{6}/);
  await expect(page.getByTestId('receipt')).toContainText('Jumlah BTC');
  await expect(page.getByTestId('receipt')).toContainText('TXID');
  await shot(page, 'btc-05-token');
});

// Bitcoin at the counter, keyboard only, against the training Chainside simulator in web mode.
import { expect, test, type Page } from '@playwright/test';
import { shot, stubPrint, webModeForFile } from './web-mode';

const app = webModeForFile();

async function open(page: Page): Promise<void> {
  await app().open(page);
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

test('a standalone bitcoin order that expires, one that is paid and printed, and the list from Chainside', async ({ page }) => {
  await stubPrint(page);
  await open(page);
  await page.keyboard.press('F8');
  await expect(page.getByTestId('crypto-amount')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('crypto-problem')).toHaveText('Jumlah antara Rp 1.000 dan Rp 100.000.000.');
  await page.keyboard.type('25000');
  await expect(page.getByTestId('crypto-amount-shown')).toHaveText('Rp 25.000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('crypto-label')).toBeFocused();
  await page.keyboard.type('Servis HP');
  await shot(page, 'btc-06-standalone-form');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('crypto-order-pending')).toBeVisible();
  await expect(page.getByTestId('payment-qr')).toHaveAttribute('data-payload', /^bitcoin:bcrt1q[a-z0-9]{38}\?amount=0\.0000166[67]$/);
  await expect(page.getByTestId('btc-state')).toContainText('Menunggu transaksi');
  await shot(page, 'btc-07-standalone-waiting');
  await page.keyboard.press('e');
  await expect(page.getByTestId('crypto-order-expired')).toBeVisible();
  await expect(page.getByTestId('crypto-order-expired')).toContainText('Kedaluwarsa — tidak dibayar');
  await expect(page.getByTestId('crypto-row').first()).toContainText('Kedaluwarsa');
  await shot(page, 'btc-08-standalone-expired');

  await page.keyboard.press('n');
  await expect(page.getByTestId('crypto-amount')).toBeFocused();
  await page.keyboard.type('150000');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Kaos sablon 3 pcs');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('crypto-order-pending')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('btc-state')).toContainText('0 dari 1 konfirmasi');
  await page.keyboard.press('m');
  await expect(page.getByTestId('crypto-order-paid')).toBeVisible();
  await expect(page.getByTestId('crypto-txs')).toContainText('Terkonfirmasi');
  await page.keyboard.press('p');
  await expect(page.getByTestId('receipt')).toContainText('BUKTI PEMBAYARAN BITCOIN');
  await expect(page.getByTestId('receipt')).toContainText('Kaos sablon 3 pcs');
  await expect(page.getByTestId('receipt')).toContainText('TXID');
  await shot(page, 'btc-09-standalone-paid');
  // Training: what a paid order can still go through on the network (issue 15 §5).
  await page.keyboard.press('d');
  await expect(page.getByTestId('crypto-dispute-open')).toContainText('Sengketa jaringan sejak');
  await page.keyboard.press('k');
  await expect(page.getByTestId('crypto-dispute-chargeback')).toContainText('kerugian Rp 150.000');
  await expect(page.getByTestId('crypto-row-dispute').first()).toHaveText('Chargeback');
  await shot(page, 'btc-09b-chargeback');

  await page.keyboard.press('5');
  await expect(page.getByTestId('crypto-filter-expired')).toHaveClass(/active/);
  await expect(page.getByTestId('crypto-row')).toHaveCount(1);
  // All: the two standalone orders and the first test's sale paid in bitcoin.
  await page.keyboard.press('1');
  await expect(page.getByTestId('crypto-row')).toHaveCount(3);
  await page.keyboard.press('u');
  await expect(page.getByTestId('crypto-row').first()).toContainText('Rp 150.000');
  await expect(page.getByTestId('crypto-row').last()).toContainText('Rp 25.000');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('crypto-order-expired')).toContainText('Servis HP');
  await shot(page, 'btc-10-standalone-list');
});

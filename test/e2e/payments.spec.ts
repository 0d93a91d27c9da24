// Non-cash payments at the counter, keyboard only, against the training simulators in web mode.
import { expect, test, type Page } from '@playwright/test';
import { shot, stubPrint, webModeForFile } from './web-mode';

const app = webModeForFile();

async function open(page: Page): Promise<void> {
  await app().open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
}

/** F2 → number → denomination key → Enter: on the payment step. */
async function tokenToPayment(page: Page, number: string, key: string, total: string): Promise<void> {
  await page.keyboard.press('F2');
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press(key);
  await expect(page.getByTestId('total')).toHaveText(total);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
}

test('a PLN token paid by QRIS: the QR for the total, the customer pays, then the token', async ({ page }) => {
  await stubPrint(page);
  await open(page);
  await tokenToPayment(page, '14233784991', '2', 'Rp 52.500');
  await page.keyboard.press('q');
  await expect(page.getByTestId('method-qris')).toHaveAttribute('aria-selected', 'true');
  // The rail this way to pay uses, before any money is taken (issue 15 §6).
  await expect(page.getByTestId('payment-rail-line')).toContainText('Midtrans');
  await shot(page, 'pay-01-qris-chosen');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  await expect(page.getByTestId('payment-qr')).toHaveAttribute('data-payload', /^000201.*540552500.*5802ID/);
  await expect(page.getByTestId('amount-due')).toHaveText('Rp 52.500');
  await expect(page.getByTestId('countdown')).toContainText(/Berlaku \d{2}:\d{2} lagi/);
  await shot(page, 'pay-02-qris-waiting');

  await page.keyboard.press('b');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('token')).toHaveText(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('paid-with')).toContainText('Dibayar dengan QRIS');
  await expect(page.getByTestId('receipt')).toContainText('QRIS');
  await shot(page, 'pay-03-qris-token');
});

test('a bill paid by bank transfer: the VA number large and printable, paid by transfer', async ({ page }) => {
  await stubPrint(page);
  await open(page);
  await page.keyboard.press('F4');
  await page.keyboard.type('pdam cirebon');
  await expect(page.getByTestId('product-list').locator('[aria-selected="true"]')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.type('0811112222');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bill-lines')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('v');
  await page.keyboard.press('2');
  await expect(page.getByTestId('bank-va_bni')).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'pay-04-va-bank');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('va-number')).toHaveText(/^\d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('receipt')).toContainText('INSTRUKSI PEMBAYARAN');
  await page.keyboard.press('p');
  await expect(page.getByTestId('print-status')).toHaveText('Dicetak di printer virtual (pelatihan): kertasnya tampil di samping.');
  await shot(page, 'pay-05-va-waiting');
  await page.keyboard.press('b');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('paid-with')).toContainText('BNI Virtual Account');
});

test('the cashier cancels a waiting QRIS, then the customer pays cash for the same token', async ({ page }) => {
  await open(page);
  await tokenToPayment(page, '12345678901', '1', 'Rp 22.500');
  await page.keyboard.press('g');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-awaiting_payment')).toBeVisible();
  // GoPay at a desk: the image Midtrans serves for its generate-qr-code action, fetched by the core.
  await expect(page.getByTestId('payment-qr')).toHaveAttribute('src', /^data:image\/gif;base64,/);
  await expect(page.getByTestId('payment-qr')).toHaveAttribute('data-deeplink', /__sim\/ui\/pay\?order_id=/);
  await shot(page, 'pay-05b-gopay-qr');
  await page.keyboard.press('x');
  await expect(page.getByRole('alertdialog')).toBeVisible();
  // Focus starts on "Batal": a stray Enter never cancels a payment. Tab to the confirmation.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('confirm-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-cancelled')).toBeVisible();
  await expect(page.getByTestId('status-cancelled')).toContainText('Tidak ada uang masuk');
  await shot(page, 'pay-06-cancelled');

  await page.keyboard.press('a');
  await expect(page.getByTestId('method-gopay')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('t');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();

  await page.keyboard.press('F3');
  await expect(page.getByTestId('tx-table')).toContainText('Dibatalkan');
  await expect(page.getByTestId('totals')).toContainText('Rp 22.500');
  await shot(page, 'pay-07-transactions');
});

test('a card is declined, then another card is approved — the struk shows only the last four digits', async ({ page }) => {
  await open(page);
  await tokenToPayment(page, '885555555555', '3', 'Rp 101.600');
  await page.keyboard.press('k');
  await expect(page.getByTestId('card-number')).toBeFocused();
  await page.keyboard.type('4000 0000 0000 0002');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1231');
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  await shot(page, 'pay-08-card-entry');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-cancelled')).toBeVisible();
  await expect(page.getByTestId('failure-message')).toContainText('ditolak');
  await shot(page, 'pay-09-card-declined');

  await page.keyboard.press('a');
  await expect(page.getByTestId('card-number')).toBeFocused();
  await expect(page.getByTestId('card-number')).toHaveValue('');
  // A magnetic reader types the track into the focused field.
  await page.keyboard.type(';4176669999000104=31121011234567890?');
  await expect(page.getByTestId('card-swiped')).toContainText('**** 0104');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('paid-with')).toContainText('VISA **** 0104');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('Kartu VISA');
  await expect(receipt).toContainText('**** 0104');
  await expect(receipt).not.toContainText('4176669999000104');
  await shot(page, 'pay-10-card-approved');
});

test('a supervisor refunds part of a QRIS sale from the transactions screen, keyboard only', async ({ page }) => {
  await open(page);
  await tokenToPayment(page, '14233784991', '1', 'Rp 22.500');
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
  await expect(page.getByTestId('refund-amount')).toHaveValue('22.500');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2500');
  await expect(page.getByTestId('refund-amount')).toHaveValue('2.500');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Salah pilih nominal, selisih dikembalikan');
  await shot(page, 'pay-11-refund-form');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toContainText('Rp 2.500');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('confirm-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail')).toContainText('Sudah di-refund Rp 2.500');
  await expect(page.getByTestId('receipt')).toContainText('2.500');
  await shot(page, 'pay-12-refunded');
});

test("money a virtual account cannot refund is on the supervisor's list until it is handed back", async ({ page }) => {
  await open(page);
  // 99000000046: the purchase fails after the customer paid.
  await tokenToPayment(page, '99000000046', '1', 'Rp 23.000');
  await page.keyboard.press('v');
  await page.keyboard.press('3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('va-number')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('status-failed')).toBeVisible();
  await expect(page.getByTestId('cash-returned')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('DANA AKAN DIKEMBALIKAN');
  await shot(page, 'pay-13-va-refund-due');

  await page.keyboard.press('F3');
  await page.keyboard.press('5');
  await expect(page.getByRole('heading', { name: /harus dikembalikan ke pelanggan/i })).toBeVisible();
  const row = page.getByTestId('tx-table').locator('tr.selected');
  await expect(row).toContainText('BRI');
  await expect(row).toContainText('Harus dikembalikan');
  await shot(page, 'pay-14-refund-due-list');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-detail').getByTestId('cash-returned')).toBeVisible();
  await page.keyboard.press('r');
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('sale-detail').getByTestId('cash-returned')).toHaveCount(0);
  await expect(page.getByTestId('refunded')).toHaveText('Dana Rp 23.000 sudah dikembalikan ke pelanggan oleh supervisor.');
  await expect(page.getByTestId('sale-detail').getByTestId('receipt')).toContainText('DANA SUDAH DIKEMBALIKAN');
  await shot(page, 'pay-15-handed-back');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tx-table')).toHaveCount(0);
  await expect(page.getByText('Tidak ada uang yang harus dikembalikan ke pelanggan.')).toBeVisible();
  await expect(page.getByTestId('refund-due-total')).toHaveText('Rp 0');
});

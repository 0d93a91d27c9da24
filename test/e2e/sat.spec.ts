// Bills and digital products through SAT's simulator, keyboard only, in web mode.
import { generateKeyPairSync } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { formatRupiah } from '../../shared/domain/money';
import { SHOTS, chooseProduct as choose, payExact, shot, webModeForFile, stubPrint } from './web-mode';

const app = webModeForFile();

/** The app is up once the token screen has focused its input; only then do F-keys reach it. */
async function open(page: Page): Promise<void> {
  await app().open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
}

/** F-key to a screen, search, Enter on the first match. */
async function pick(page: Page, key: 'F4' | 'F7', query: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type(query);
  await choose(page);
}


/** What the successful sales of this file took, for today's totals at the end. */
const takings: number[] = [];
const rupiah = (text: string | null): number => Number((text ?? '').replace(/\D/g, ''));


test('a cashier pays a PLN postpaid bill: SAT’s bill lines, then success with the struk', async ({ page }) => {
  await stubPrint(page);
  await open(page);
  await expect(page.getByTestId('deposit')).toContainText('SAT');
  await page.keyboard.press('F4');
  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type('pln pasca');
  await expect(page.getByTestId('product-pln-postpaid')).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'sat-01-bill-picker');
  await choose(page);

  await expect(page.getByTestId('bill-number')).toBeFocused();
  await page.keyboard.type('532110000060');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bill-lines')).toContainText('BL/TH');
  await expect(page.getByTestId('total')).toContainText('Rp ');
  const total = (await page.getByTestId('total').textContent()) ?? '';
  await shot(page, 'sat-02-bill-detail');

  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('STRUK PEMBAYARAN LISTRIK PLN');
  await expect(receipt).toContainText('532110000060');
  await expect(receipt).toContainText(total);
  await expect(receipt).toContainText('LUNAS');
  takings.push(rupiah(total));
  await shot(page, 'sat-03-bill-paid');
  await page.keyboard.press('p');
  await expect(page.getByTestId('print-status')).toHaveText('Dicetak di printer virtual (pelatihan): kertasnya tampil di samping.');
  await page.keyboard.press('n');

  // The customer comes back to pay the same bill: it is no longer due, and nothing is sold.
  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type('pln pasca');
  await choose(page);
  await page.keyboard.type('532110000060');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error')).toContainText('Tagihan tidak ditemukan atau sudah dibayar.');
  await expect(page.getByTestId('bill-number')).toHaveValue('532110000060');
});

test('a BPJS bill is paid; one that SAT fails ends Failed with the cash to hand back', async ({ page }) => {
  await open(page);
  await pick(page, 'F4', 'bpjs kesehatan');
  await page.keyboard.type('8888801234567');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bill-lines')).toContainText('Jumlah Peserta');
  takings.push(rupiah(await page.getByTestId('total').textContent()));
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('STRUK PEMBAYARAN BPJS');
  await page.keyboard.press('n');

  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type('bpjs kesehatan');
  await choose(page);
  await page.keyboard.type('0001234560002');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bill-lines')).toBeVisible();
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-failed')).toBeVisible();
  await expect(page.getByTestId('failure-message')).not.toBeEmpty();
  await expect(page.getByTestId('refund-due')).toBeVisible();
  await shot(page, 'sat-04-bill-failed');
  await page.keyboard.press('r');
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('refunded')).toBeVisible();
});

test('the owner adds a markup on data packages; a data package and a game voucher sell from operator search', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F9');
  await page.getByTestId('rule-key').fill('Paket Data');
  await page.getByTestId('rule-amount').fill('2000');
  await page.getByTestId('rule-amount').press('Enter');
  await expect(page.getByTestId('price-rules')).toContainText('Paket Data');
  await expect(page.getByTestId('price-rules')).toContainText('+ Rp 2.000');
  await page.getByTestId('pricing').screenshot({ path: `${SHOTS}/sat-05a-pricing.png` });

  await pick(page, 'F7', 'telkomsel data 8gb');
  await expect(page.getByTestId('digital-number')).toBeFocused();
  await page.keyboard.type('081234567890');
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('Telkomsel Data 8GB');
  // SAT's price 61.000 + the owner's 2.000; the struk shows only the selling price.
  await expect(page.getByTestId('receipt')).toContainText('Rp 63.000');
  await expect(page.getByTestId('receipt')).not.toContainText('61.000');
  takings.push(63_000);
  await expect(page.getByTestId('receipt')).toContainText('081234567890');
  await shot(page, 'sat-05-data-done');
  await page.keyboard.press('n');

  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type('google 50');
  await choose(page);
  await page.keyboard.type('081234567890');
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  const code = (await page.getByTestId('token').textContent()) ?? '';
  expect(code.length).toBeGreaterThan(8);
  await expect(page.getByTestId('receipt')).toContainText('KODE VOUCHER');
  await expect(page.getByTestId('receipt')).toContainText(code);
  takings.push(49_500);
  await shot(page, 'sat-06-voucher-done');
  await page.keyboard.press('n');

  // A game top-up asks for the player's zone too (the product's extra input, issue 15 §2).
  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type('mobile legends');
  await choose(page);
  await page.keyboard.type('123456789');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error')).toHaveText('Isi Zone ID untuk produk ini.');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('field-zone_id')).toBeFocused();
  await page.keyboard.type('2001');
  await shot(page, 'sat-06b-game-zone');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('total')).toBeVisible();
  const gameTotal = rupiah(await page.getByTestId('total').textContent());
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('Zone ID');
  await expect(page.getByTestId('receipt')).toContainText('2001');
  takings.push(gameTotal);
});

test('the owner routes PLN tokens to SAT; the token sale then goes through SAT; all of today’s sales are listed', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F9');
  await page.getByTestId('routing-primary').selectOption('sat');
  await expect(page.getByTestId('routing-primary')).toHaveValue('sat');
  await shot(page, 'sat-07-settings');

  await page.keyboard.press('F2');
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.type('14233784991');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('2');
  await expect(page.getByTestId('total')).toHaveText('Rp 51.500');
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  expect((await page.getByTestId('token').textContent()) ?? '').toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('receipt')).toContainText('STROOM/TOKEN');
  takings.push(51_500);

  await page.keyboard.press('F3');
  const table = page.getByTestId('tx-table');
  for (const s of ['PLN Pascabayar', 'BPJS Kesehatan', 'Telkomsel Data 8GB', 'Google Play 50.000', 'Mobile Legends 86 Diamonds', 'Token PLN 50.000']) await expect(table, s).toContainText(s);
  await expect(page.getByTestId('tx-row-000003')).toContainText('Gagal');
  // The failed bill is not in the takings.
  expect(takings).toHaveLength(6);
  await expect(page.getByTestId('totals')).toContainText(formatRupiah(takings.reduce((a, b) => a + b, 0)));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-summary')).toContainText('lewat SAT');
  await expect(page.getByTestId('sale-detail').getByTestId('receipt')).toContainText('STROOM/TOKEN');
  await shot(page, 'sat-08-transactions');
});

test('the owner pastes SAT keys: a public key in the private slot is refused with a clear message, nothing is stored', async ({ page }) => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await open(page);
  await page.keyboard.press('F9');
  await page.getByTestId('sat-private-key').fill(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  await page.getByTestId('sat-save').click();
  await expect(page.getByTestId('error')).toContainText('kunci PUBLIK');
  await expect(page.getByTestId('sat-private-key')).toHaveAttribute('placeholder', /belum diisi/);
  await shot(page, 'sat-09-key-refused');
});

// Digiflazz, the provider added as a plug-in (issue 14): the owner routes tokens, pulsa and bills to
// it in Pengaturan, and a cashier sells each through it by keyboard, in training against its
// simulator. Screens at 1366×768 and 1024×600.
import { expect, test, type Page } from '@playwright/test';
import { SHOTS, chooseProduct as choose, payExact, shot, stubPrint, webModeForFile } from './web-mode';

const app = webModeForFile();
test.use({ viewport: { width: 1366, height: 768 } });

async function open(page: Page): Promise<void> {
  await app().open(page);
  await expect(page.getByTestId('customer-number')).toBeFocused();
}



test('the owner routes every kind to Digiflazz; its production form is drawn from the registry', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F9');
  for (const id of ['routing-primary', 'routing-digital-primary', 'routing-bill-primary']) {
    await expect(page.getByTestId(id).locator('option', { hasText: 'Digiflazz' })).toHaveCount(1);
    await page.getByTestId(id).selectOption('digiflazz');
    await expect(page.getByTestId(id)).toHaveValue('digiflazz');
  }
  await page.getByTestId('routing-digital-fallback').selectOption('sat');
  await expect(page.getByTestId('routing-digital-fallback')).toHaveValue('sat');
  const form = page.getByTestId('provider-digiflazz-form');
  await expect(form).toContainText('Digiflazz (mode produksi)');
  await expect(page.getByTestId('provider-digiflazz-keyMode')).toHaveValue('production');
  // Bad input is said plainly and keeps what was typed.
  await page.getByTestId('provider-digiflazz-baseUrl').fill('http://api.digiflazz.com/v1');
  await page.getByTestId('provider-digiflazz-username').fill('outletku');
  await page.getByTestId('provider-digiflazz-save').click();
  await expect(form.getByTestId('error')).toContainText('https://');
  await expect(page.getByTestId('provider-digiflazz-baseUrl')).toHaveValue('http://api.digiflazz.com/v1');
  await form.scrollIntoViewIfNeeded();
  await shot(page, 'digiflazz-01-settings-1366');
  // SAT's published addresses fill in with one click (issue 15 §7).
  await page.getByTestId('sat-preset-production').click();
  await expect(page.getByTestId('sat-url')).toHaveValue('https://b2b.tokopedia.com/api');
  await expect(page.getByTestId('sat-token-url')).toHaveValue('https://accounts.tokopedia.com/token');
  // Tes koneksi: one harmless call to Digiflazz (its deposit), the answer in words.
  await page.getByTestId('connection-test-digiflazz').click();
  await expect(page.getByTestId('connection-result-digiflazz')).toContainText('Tersambung');
  await page.getByTestId('connection-card').scrollIntoViewIfNeeded();
  await page.getByTestId('connection-card').screenshot({ path: `${SHOTS}/digiflazz-01b-connection-1366.png` });
});

test('a PLN token through Digiflazz: the meter check, its denominations, the token on the struk', async ({ page }) => {
  await stubPrint(page);
  await open(page);
  await page.keyboard.type('14233784991');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('2');
  const total = (await page.getByTestId('total').textContent()) ?? '';
  expect(total).toMatch(/^Rp \d{2}\.\d{3}$/);
  await shot(page, 'digiflazz-02-token-options-1366');
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  expect((await page.getByTestId('token').textContent()) ?? '').toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('receipt')).toContainText('STROOM/TOKEN');
  await expect(page.getByTestId('receipt')).toContainText(total);
  await shot(page, 'digiflazz-03-token-done-1366');
  // The token screen says how the rail it sells through has been answering.
  await page.keyboard.press('n');
  await expect(page.getByTestId('rail-line')).toContainText('Digiflazz menjawab');
  await page.setViewportSize({ width: 1024, height: 600 });
  await shot(page, 'digiflazz-03b-rail-line-1024');
});

test('pulsa and a PLN postpaid bill through Digiflazz; the top bar shows its deposit; F3 says "lewat Digiflazz"', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F7');
  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type('telkomsel 25');
  await choose(page);
  await expect(page.getByTestId('digital-number')).toBeFocused();
  await page.keyboard.type('081234567890');
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('Telkomsel 25.000');
  await page.keyboard.press('n');

  await page.keyboard.press('F4');
  await expect(page.getByTestId('product-search')).toBeFocused();
  await page.keyboard.type('pln postpaid');
  await choose(page);
  await expect(page.getByTestId('bill-number')).toBeFocused();
  await page.keyboard.type('530000000002');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bill-lines')).toContainText('Periode');
  await shot(page, 'digiflazz-04-bill-detail-1366');
  await page.keyboard.press('Enter');
  await payExact(page);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('530000000002');
  await expect(page.getByTestId('deposit').filter({ hasText: 'Digiflazz' })).toHaveCount(1);
  await shot(page, 'digiflazz-05-bill-paid-1366');

  await page.setViewportSize({ width: 1024, height: 600 });
  await page.keyboard.press('F3');
  await expect(page.getByTestId('tx-table')).toContainText('Telkomsel 25.000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-summary')).toContainText('lewat Digiflazz');
  await shot(page, 'digiflazz-06-transactions-1024');
});

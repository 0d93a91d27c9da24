// A counter laptop's 1024×600 screen: the sale flow, the QRIS wait and the shift close fit without
// scrolling — every action the cashier needs is in view (and each screen is captured as the
// cashier sees it, not as a full-page image).
import { expect, test, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { SHOTS, webModeForFile } from './web-mode';

const app = webModeForFile();

async function inView(page: Page, name: string, ...needed: Locator[]): Promise<void> {
  for (const l of needed) await expect(l).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: path.join(SHOTS, `small-${name}.png`) });
}

test('at 1024×600 the whole sale, the QRIS wait and the shift close need no scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  await app().open(page);
  const t = (id: string): Locator => page.getByTestId(id);
  await inView(page, '01-number', t('customer-number'));
  await page.keyboard.type('14233784991');
  await page.keyboard.press('Enter');
  await expect(t('customer')).not.toBeEmpty();
  await inView(page, '02-customer', t('customer'), t('denomination-500000'), t('total'), t('to-payment'));
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(t('tendered')).toBeFocused();
  await inView(page, '03-payment', t('tendered'), t('exact'), t('pay'), t('method-qris'));
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  await expect(t('status-succeeded')).toBeVisible();
  await inView(page, '04-result', t('token'), t('result-change'), t('print'), t('new-sale'));

  await page.keyboard.press('n');
  await page.keyboard.type('12345678901');
  await page.keyboard.press('Enter');
  await expect(t('customer')).not.toBeEmpty();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('q');
  await page.keyboard.press('Enter');
  await expect(t('status-awaiting_payment')).toBeVisible();
  await inView(page, '05-qris-wait', t('payment-qr'), t('amount-due'), t('countdown'), t('check-payment'), t('cancel-payment'), t('simulate-pay'));
  await page.keyboard.press('b');
  await expect(t('status-succeeded')).toBeVisible();

  await page.keyboard.press('F6');
  await expect(t('count-100000')).toBeFocused();
  await inView(page, '06-shift-close', t('count-100000'), t('count-total'), t('shift-close-submit'));
});

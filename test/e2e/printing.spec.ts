// Pengaturan → Printer in Chromium: the owner points Loket at a network thermal printer (a fake
// one on 127.0.0.1 that answers like ESC/POS printers do), prints the test page before saving, and
// reads how it went; a printer out of paper is said in words. A logo picture is dithered to dots.
// Then a cash sale's struk goes straight to that printer — no dialog — and the drawer opens.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decodeEscPos, paperText } from '../../electron/receipts/escpos-decode';
import { SettingsView } from '../../shared/contract';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { png } from '../support/png';
import { SHOTS, shot, webModeForFile } from './web-mode';

const app = webModeForFile();
let printer: FakePrinter;
let empty: FakePrinter;
test.beforeAll(async () => {
  printer = await startFakePrinter();
  empty = await startFakePrinter('paper-out');
});
test.afterAll(async () => {
  await printer.close();
  await empty.close();
});

test('the owner sets up a network printer, prints the test page, and a cash struk prints with the drawer kick', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await app().open(page);
  await page.keyboard.press('F9');
  const card = page.getByTestId('printer-card');
  await expect(card).toBeVisible();
  await card.scrollIntoViewIfNeeded();

  // The virtual printer first: the test page shows on screen.
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('printer-test-ok')).toHaveText('Halaman tes dicetak di printer virtual: kertasnya tampil di bawah.');
  await expect(card.getByTestId('paper')).toContainText('TES PRINTER');
  await expect(card.getByTestId('paper-qr')).toBeVisible();
  await shot(page, 'print-01-virtual-test');

  // A printer out of paper: said in words, nothing printed.
  await page.getByTestId('printer-kind').selectOption('network');
  await page.getByTestId('printer-host').fill('127.0.0.1');
  await page.getByTestId('printer-port').fill(String(empty.port));
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('printer-test-failed')).toHaveText('Halaman tes gagal dicetak: Kertas habis. Ganti gulungan kertas, lalu cetak ulang (P).');
  expect(empty.jobs).toEqual([]);
  await shot(page, 'print-02-paper-out');

  // The working printer, with a logo and the drawer on pin 2.
  await page.getByTestId('printer-port').fill(String(printer.port));
  await page.getByTestId('printer-drawer').selectOption('pin2');
  await page.getByTestId('printer-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(300, 120, (x, y) => [(x * 255) / 300, (y * 255) / 120, 90, 255]) });
  await expect(card.locator('.logo-preview canvas')).toBeVisible();
  const testJob = printer.nextJob();
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('printer-test-ok')).toContainText(`Halaman tes terkirim ke tcp://127.0.0.1:${printer.port}.`);
  const testPaper = decodeEscPos(await testJob, 32);
  expect(paperText(testPaper)).toContain('Rp 1.234.567');
  expect(testPaper.items.map((it) => it.t).filter((t) => t !== 'line' && t !== 'feed')).toEqual(['image', 'qr', 'barcode', 'cut']);
  expect(testPaper.items.find((it) => it.t === 'image')).toMatchObject({ width: 192, height: 80 });
  await page.getByTestId('printer-save').click();
  await expect(card.getByText('Tersimpan')).toBeVisible();
  await shot(page, 'print-03-network-ok');
  await card.getByTestId('receipt').screenshot({ path: path.join(SHOTS, 'print-03b-test-page.png') });

  // A cash sale: the struk goes to the printer without a dialog, and the drawer opens after the cut.
  await page.keyboard.press('F2');
  await page.getByTestId('customer-number').fill('14233784991');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  const token = (await page.getByTestId('token').textContent())!.trim();
  const struk = printer.nextJob();
  await page.keyboard.press('p');
  await expect(page.getByTestId('print-status')).toHaveText(`Terkirim ke printer tcp://127.0.0.1:${printer.port}.`);
  const paper = decodeEscPos(await struk, 32);
  expect(paperText(paper)).toContain(token);
  expect(paper.items.map((it) => it.t).filter((t) => t !== 'line' && t !== 'feed')).toEqual(['image', 'cut', 'kick']);
  // Training shows the paper the printer got.
  await expect(page.getByTestId('paper')).toContainText(token);
  await shot(page, 'print-04-struk-sent');
  await page.getByTestId('paper').screenshot({ path: path.join(SHOTS, 'print-04b-struk-paper.png') });
  // The printer runs out of paper: the reprint fails in words, the sale stays done, P prints again.
  const got = await app().api('settings.get', {});
  const good = SettingsView.parse(got.value);
  const saved = await app().api('settings.savePrinter', { ...good.printer, port: empty.port });
  expect(saved.ok).toBe(true);
  await page.keyboard.press('p');
  await expect(page.getByRole('alert').filter({ hasText: 'Struk gagal dicetak' })).toHaveText(/^Struk gagal dicetak: Kertas habis\. Ganti gulungan kertas, lalu cetak ulang \(P\)\.(Rincian.*)?$/);
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
  await shot(page, 'print-05-paper-out-at-sale');
  expect((await app().api('settings.savePrinter', good.printer)).ok).toBe(true);
  const again = printer.nextJob();
  await page.keyboard.press('p');
  await expect(page.getByTestId('print-status')).toBeVisible();
  expect(paperText(decodeEscPos(await again, 32))).toContain('SALINAN ke-');
  // The printer card on a 1024×600 counter laptop.
  await page.setViewportSize({ width: 1024, height: 600 });
  await page.keyboard.press('F9');
  await page.getByTestId('printer-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'print-06-settings-1024.png') });
});

// The books survive the PC: a day of sales at one Loket, a backup to a "USB" folder from
// Pengaturan → Cadangan, then a new Loket on an empty folder restored through its first screen with
// the recovery key — the same sales, the same trial balance, and a clean audit chain. Also the
// first start's recovery key screen, typed back by keyboard.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS, shot, signInByKeyboard, startWebMode, toPayment, typeOwnerAccount, typeRecoveryKeyBack, type WebMode } from './web-mode';

let first: WebMode;
let second: WebMode;
let third: WebMode;
let fourth: WebMode;
const usb = mkdtempSync(path.join(os.tmpdir(), 'loket-usb-'));

test.beforeAll(async () => {
  [first, second, third, fourth] = await Promise.all([startWebMode(), startWebMode({}, { signedOut: true }), startWebMode({}, { signedOut: true }), startWebMode({}, { signedOut: true })]);
});
test.afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop(), third?.stop(), fourth?.stop()]);
});

async function sellCash(page: Page, number: string): Promise<void> {
  await toPayment(page, number);
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-succeeded')).toBeVisible();
}

test('the first start shows the recovery key once and asks for two of its groups back', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  await third.enter(page);
  await typeOwnerAccount(page);
  await expect(page.getByTestId('recovery-gate')).toBeVisible();
  await expect(page.getByTestId('recovery-groups').locator('code')).toHaveCount(14);
  await shot(page, 'backup-01-recovery-gate-1024');
  // A wrong group is refused in words; the right ones open the counter.
  await page.keyboard.type('ZZZZ');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ZZZZ');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('recovery-key')).toContainText('tidak cocok');
  await page.getByTestId('recovery-answer-0').fill('');
  await page.getByTestId('recovery-answer-1').fill('');
  await page.getByTestId('recovery-answer-0').focus();
  await typeRecoveryKeyBack(page);
  await expect(page.getByTestId('who')).toContainText('Pemilik');
  await expect(page.getByTestId('backup-badge')).toHaveAttribute('data-health', 'unset');
});

test('a day of sales backed up from Pengaturan, restored on a new Loket with the recovery key: same sales, same books, audit intact', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await first.open(page);
  await sellCash(page, '14233784991');
  await sellCash(page, '12345678901');

  // Pengaturan → Cadangan: the "USB" folder, then a backup now.
  await page.keyboard.press('F9');
  const card = page.getByTestId('backup-card');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('backup-badge')).toHaveAttribute('data-health', 'unset');
  await page.getByTestId('backup-folders').fill(usb);
  await page.getByTestId('backup-save').click();
  await expect(card).toContainText('Pengaturan cadangan tersimpan');
  await page.getByTestId('backup-run').click();
  await expect(page.getByTestId('backup-runs').locator('li').first()).toHaveAttribute('data-state', 'verified', { timeout: 30_000 });
  await expect(page.getByTestId('backup-badge')).toHaveAttribute('data-health', 'ok');
  await expect(page.getByTestId('backup-badge')).toContainText('Cadangan');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'backup-02-settings-1366');
  await card.screenshot({ path: path.join(SHOTS, 'backup-02b-card-1366.png') });
  await page.locator('header.topbar').screenshot({ path: path.join(SHOTS, 'backup-02c-topbar-1366.png') });
  expect(readdirSync(usb).filter((n) => n.endsWith('.loketbak'))).toHaveLength(1);

  const sales = (await first.api('ledger.today', { status: 'all', limit: 50 })) as { ok: true; value: { items: { id: string; total: number; token: string | null }[] } };
  const books = (await first.api('books.get', {})) as { ok: true; value: { accounts: { code: string; balance: number }[] } };
  const shown = (await first.api('recoveryKey.show', {})) as { ok: true; value: { groups: string[] } };
  const recoveryKey = shown.value.groups.join(' ');

  // A new PC: Loket's first screen offers the restore.
  const other = await browser.newPage();
  await other.setViewportSize({ width: 1024, height: 600 });
  await second.enter(other);
  await expect(other.getByTestId('sign-in')).toBeVisible();
  await other.getByTestId('restore-open').click();
  await expect(other.getByTestId('restore-path')).toBeFocused();
  await other.keyboard.type(usb);
  await other.keyboard.press('Enter');
  await expect(other.getByTestId('restore-list')).toContainText('2 penjualan');
  await expect(other.getByTestId('restore-key')).toBeFocused();
  // A wrong key is refused before anything is decrypted.
  await other.keyboard.type('0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000');
  await other.keyboard.press('Enter');
  await expect(other.getByTestId('restore')).toContainText('salah ketik');
  await other.getByTestId('restore-key').fill('');
  await other.getByTestId('restore-key').focus();
  await other.keyboard.type(recoveryKey.toLowerCase());
  await shot(other, 'backup-03-restore-1024');
  await other.keyboard.press('Enter');
  await expect(other.getByTestId('restored')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByTestId('restored-sales')).toContainText('2 penjualan, 1 akun');
  await expect(other.getByTestId('restored-audit')).toContainText('Rantai audit utuh');
  await shot(other, 'backup-04-restored-1024');
  await other.keyboard.press('Enter');

  // The restored Loket: the owner signs in with the old PIN, finds the same sales and books.
  await signInByKeyboard(other, 'Pemilik', '1234');
  await expect(other.getByTestId('who')).toContainText('Pemilik');
  const again = (await other.evaluate(async () => {
    const csrf = /(?:^|;\s*)loket_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
    const post = async (name: string): Promise<unknown> =>
      (await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-loket-csrf': csrf }, body: JSON.stringify(name === 'ledger.today' ? { status: 'all', limit: 50 } : {}) })).json();
    return { sales: await post('ledger.today'), books: await post('books.get') };
  })) as { sales: typeof sales; books: typeof books };
  expect(again.sales.value.items.map((s) => [s.id, s.total, s.token])).toEqual(sales.value.items.map((s) => [s.id, s.total, s.token]));
  expect(again.books.value.accounts).toEqual(books.value.accounts);
  await other.keyboard.press('F3');
  await expect(other.getByTestId('tx-table').locator('tbody tr')).toHaveCount(2);
  await other.keyboard.press('F9');
  await other.getByTestId('audit-verify').click();
  await expect(other.getByTestId('audit-intact')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByTestId('audit-intact')).toContainText('UTUH');
  await other.getByTestId('audit-card').screenshot({ path: path.join(SHOTS, 'backup-05-restored-audit-1024.png') });
  await other.close();

  // Back at the first Loket, the USB stick pulled: the next backup fails and the top bar says why.
  rmSync(usb, { recursive: true, force: true });
  await page.getByTestId('backup-run').click();
  await expect(page.getByTestId('backup-badge')).toHaveAttribute('data-health', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('backup-badge')).toContainText('Cadangan gagal: folder tidak ada');
  await expect(page.getByTestId('backup-runs').locator('li').first()).toContainText('Flashdisk dicabut');
  await page.locator('header.topbar').screenshot({ path: path.join(SHOTS, 'backup-08-failed-topbar-1366.png') });
});

test('the old disk’s loket.db without its key: every sale back, and the screen says what could not be kept', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await fourth.enter(page);
  await page.getByTestId('restore-open').click();
  await page.keyboard.type(path.join(first.dataDir, 'loket.db'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('restore-list')).toContainText('loket.db');
  await expect(page.getByTestId('restore-keyless')).toBeVisible();
  await page.getByTestId('restore-owner-name').fill('Pemilik');
  await page.getByTestId('restore-owner-pin').fill('8642');
  await shot(page, 'backup-06-keyless-form-1366');
  await page.getByTestId('restore-do').click();
  await expect(page.getByTestId('restored-keyless')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('restored-keyless')).toContainText('PIN kasir dan supervisor');
  await shot(page, 'backup-07-keyless-restored-1366');
  await page.getByTestId('restored-open').click();
  await signInByKeyboard(page, 'Pemilik', '8642');
  await expect(page.getByTestId('who')).toContainText('Pemilik');
});

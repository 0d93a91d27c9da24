// Starts web mode exactly as a user does (the CLI), on a free port with a fresh data folder, and
// gets in as a user does: through the token URL it prints. Each browser context is its own
// session, so a page signs in for itself (`open`); `api` is a session of its own beside the page.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { enterWebMode, type WebClient } from '../support/web-client';
import { startWebProcess } from '../support/web-process';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const E2E_OWNER = { name: 'Pemilik', pin: '1234' };

export type WebMode = {
  /** The bare address: without a session it shows only how to get in. */
  url: string;
  /** The printed address with the launch token. */
  tokenUrl: string;
  dataDir: string;
  /** A call to the running core from a session of its own (signed in as the owner unless `signedOut`). */
  api: WebClient['call'];
  /** Opens the token URL in the page: a session, nobody signed in yet. */
  enter(page: Page): Promise<void>;
  /** Opens the till in the page signed in as `who` (the owner by default), as after typing name and PIN. */
  open(page: Page, who?: { name: string; pin: string }): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts web mode. Unless `signedOut`, the owner's account is made and a shift opened through
 * the API first, as an owner does on day one — the specs about selling start at the counter.
 */
export async function startWebMode(env: Record<string, string> = {}, opts: { signedOut?: boolean } = {}): Promise<WebMode> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loket-e2e-'));
  const web = await startWebProcess(['--port', '0', '--data', dataDir], env);
  const client = await enterWebMode(web.tokenUrl);
  if (!opts.signedOut) {
    const owner = await client.call('counter.setupOwner', E2E_OWNER);
    await confirmRecoveryKey((name, body) => client.call(name, body));
    const shift = await client.call('shift.open', { openingFloat: 0 });
    if (!owner.ok || !shift.ok) throw new Error(`could not sign in the e2e owner: ${JSON.stringify([owner, shift])}`);
  }
  const enter = async (page: Page): Promise<void> => {
    await page.goto(web.tokenUrl);
    await expect(page).toHaveURL(client.base);
  };
  return {
    url: client.base,
    tokenUrl: web.tokenUrl,
    dataDir,
    api: (name, body) => client.call(name, body),
    enter,
    async open(page, who = E2E_OWNER) {
      await enter(page);
      const signed = await page.evaluate(async (w) => {
        const csrf = /(?:^|;\s*)loket_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
        const r = await fetch('/api/counter.signIn', { method: 'POST', headers: { 'content-type': 'application/json', 'x-loket-csrf': csrf }, body: JSON.stringify(w) });
        const body = (await r.json()) as { ok: boolean; error?: { code: string; message: string } };
        return body.ok ? 'ok' : `${r.status} ${body.error?.code} ${body.error?.message}`;
      }, who);
      if (signed !== 'ok') throw new Error(`could not sign ${who.name} in at the page: ${signed}`);
      await page.reload();
      await expect(page.getByTestId('who')).toContainText(who.name);
    },
    stop: () => web.stop(),
  };
}

export const SHOTS = path.join(root, 'test-results', 'screenshots');

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The owner's recovery key, shown and typed back through the API (specs not about it start past it). */
export async function confirmRecoveryKey(api: WebClient['call']): Promise<void> {
  const shown = await api('recoveryKey.show', {});
  if (!shown.ok) throw new Error(`recoveryKey.show: ${JSON.stringify(shown)}`);
  const { groups, confirm } = shown.value as { groups: string[]; confirm: [number, number] };
  const done = await api('recoveryKey.confirm', { answers: confirm.map((position) => ({ position, group: groups[position - 1] })) });
  if (!done.ok) throw new Error(`recoveryKey.confirm: ${JSON.stringify(done)}`);
}

/**
 * The first start: the owner's account typed at the sign-in screen (name, PIN, PIN again), then the
 * recovery key read off the screen and its two asked groups typed back, as an owner does from paper.
 */
export async function setupOwnerByKeyboard(page: Page, who = E2E_OWNER): Promise<void> {
  await typeOwnerAccount(page, who);
  await typeRecoveryKeyBack(page);
  await expect(page.getByTestId('who')).toContainText(who.name);
}

/** The first screen's owner account: name, PIN, PIN again, Enter (the recovery key screen follows). */
export async function typeOwnerAccount(page: Page, who = E2E_OWNER): Promise<void> {
  // Keys typed before the screen has focused its first field would be lost.
  await expect(page.getByTestId('sign-in-name')).toBeFocused();
  await page.keyboard.type(who.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.pin);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.pin);
  await page.keyboard.press('Enter');
}

/** At the recovery key screen: the two groups it asks for, typed from what it shows. */
export async function typeRecoveryKeyBack(page: Page): Promise<void> {
  await expect(page.getByTestId('recovery-groups')).toBeVisible();
  const groups = await page.getByTestId('recovery-groups').locator('code').allTextContents();
  const asked = await page.locator('.recovery-answers label').allTextContents();
  const positions = asked.map((l) => Number(/(\d+)/.exec(l)![1]));
  await expect(page.getByTestId('recovery-answer-0')).toBeFocused();
  await page.keyboard.type(groups[positions[0]! - 1]!);
  await page.keyboard.press('Tab');
  await page.keyboard.type(groups[positions[1]! - 1]!);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('recovery-gate')).toHaveCount(0);
}

/** At the sign-in screen: name, Tab, PIN, Enter, typed as a cashier does. */
export async function signInByKeyboard(page: Page, name: string, pin: string): Promise<void> {
  await expect(page.getByTestId('sign-in-name')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}

/** F2, the meter, the first denomination, Enter: the sale waits at the cash tendered. */
export async function toPayment(page: Page, number: string): Promise<void> {
  await page.keyboard.press('F2');
  await expect(page.getByTestId('customer-number')).toBeFocused();
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer')).not.toBeEmpty();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tendered')).toBeFocused();
}

/** Records window.print() instead of opening the browser's dialog. */
export async function stubPrint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed += 1;
    };
  });
}

/** One web host for a spec file: started before its first test, stopped after its last. */
export function webModeForFile(env: Record<string, string> = {}, opts: { signedOut?: boolean } = {}): () => WebMode {
  let app: WebMode | null = null;
  test.beforeAll(async () => {
    app = await startWebMode(env, opts);
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  return () => {
    if (!app) throw new Error('web mode is not running');
    return app;
  };
}

/** On the cash step: F5 takes the exact total, Enter pays. */
export async function payExact(page: Page): Promise<void> {
  await expect(page.getByTestId('tendered')).toBeFocused();
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
}

/** Enter on the highlighted product, once the catalogue has loaded and the search has matched. */
export async function chooseProduct(page: Page): Promise<void> {
  await expect(page.getByTestId('product-list').locator('[aria-selected="true"]')).toBeVisible();
  await page.keyboard.press('Enter');
}

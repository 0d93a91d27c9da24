// The Electron host with `electron` mocked: nothing here needs the Electron binary.
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoked: Array<[string, unknown]> = [];
const mainHost = vi.hoisted(() => ({ events: [] as string[], readyAwaited: false, exitCode: null as number | null }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: async (channel: string, req: unknown) => (invoked.push([channel, req]), { ok: true, value: channel }) },
  BrowserWindow: class {},
  // A second instance: the single-instance lock is already held by the first.
  app: {
    requestSingleInstanceLock: () => false,
    exit: (code: number) => (mainHost.exitCode = code),
    on: (event: string) => mainHost.events.push(event),
    whenReady: () => {
      mainHost.readyAwaited = true;
      return new Promise(() => undefined);
    },
  },
  protocol: { registerSchemesAsPrivileged: () => undefined },
  ipcMain: {},
  safeStorage: {},
  session: {},
  shell: {},
}));

import { CALL_NAMES, ipcChannel } from '../../shared/contract-names';
import { secureWebPreferences } from '../../electron/main/window';
import { applySessionSecurity, guardWebContents, safeOpenExternal, CSP } from '../../electron/main/security';
import { registerIpc, WINDOW_SESSION } from '../../electron/main/ipc';
import { appProtocolResponse } from '../../electron/main/app-protocol';
import { silentLogger } from '../../electron/log/logger';
import type { HandlerTable } from '../../electron/app/invoke';

describe('Electron window and session security', () => {
  it('webPreferences: context isolation, sandbox, no Node, no webview', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
  });

  it('navigation away and popups are blocked; only https opens externally', () => {
    const handlers: Record<string, (...a: unknown[]) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = {
      on: (ev: string, fn: (...a: unknown[]) => void) => (handlers[ev] = fn),
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (openHandler = fn),
    };
    const opened: string[] = [];
    guardWebContents(contents as never, async (u) => void opened.push(u));
    const ev = { preventDefault: vi.fn() };
    handlers['will-navigate']!(ev, 'https://evil.example/');
    expect(ev.preventDefault).toHaveBeenCalledTimes(1);
    handlers['will-navigate']!(ev, 'loket://app/index.html');
    expect(ev.preventDefault).toHaveBeenCalledTimes(1);
    handlers['will-redirect']!(ev, 'http://x/');
    expect(ev.preventDefault).toHaveBeenCalledTimes(2);
    expect(openHandler!({ url: 'https://pln.co.id/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://pln.co.id/']);
    expect(safeOpenExternal('javascript:alert(1)', async () => undefined)).toBe(false);
  });

  it('permissions are denied and every response carries the CSP', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null;
    applySessionSecurity({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
    } as never);
    let granted: boolean | null = null;
    request!(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(check!()).toBe(false);
    let out: { responseHeaders: Record<string, string[]> } | null = null;
    headers!({ responseHeaders: {} }, (r) => (out = r as typeof out));
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([CSP]);
    expect(CSP).not.toContain('unsafe-inline');
  });
});

describe('IPC', () => {
  it('one handler per contract call, answering only our own top frame', async () => {
    const registered = new Map<string, (e: unknown, r: unknown) => Promise<unknown>>();
    const handlers = Object.fromEntries(CALL_NAMES.map((n) => [n, async () => ({ ok: true, value: {} })])) as unknown as HandlerTable;
    handlers['app.info'] = () => ({
      ok: true,
      value: {
        providerNames: {},
        purchaseProviders: [],
        rails: [],
        routes: null,
        paymentGateways: {},
        version: '1',
        host: 'electron',
        mode: 'training',
        locale: 'id',
        outlet: { name: 'L', address: '', cashierName: 'K', counterFee: 0, timeZone: 'Asia/Jakarta' },
        backup: { health: 'unset', lastAt: null, message: '', reason: null, running: false, recoveryKey: 'unavailable' },
        pendingCount: 0,
        reviewCount: 0,
        deposits: [],
        counter: { needsOwner: false, user: null, locked: false, shift: null, idleLockMinutes: 5, blindCount: true },
      },
    });
    registerIpc({ handle: (ch: string, fn: (e: unknown, r: unknown) => Promise<unknown>) => registered.set(ch, fn) } as never, handlers, silentLogger);
    expect([...registered.keys()].sort()).toEqual(CALL_NAMES.map(ipcChannel).sort());
    const trusted = { senderFrame: { url: 'loket://app/index.html', parent: null } };
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const framed = { senderFrame: { url: 'loket://app/index.html', parent: {} } };
    expect(await registered.get('loket:app.info')!(trusted, {})).toMatchObject({ ok: true });
    expect(await registered.get('loket:app.info')!(foreign, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await registered.get('loket:app.info')!(framed, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await registered.get('loket:pln.inquire')!(trusted, { customerNumber: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('the window is one session: every call reaches the core as it', async () => {
    const registered = new Map<string, (e: unknown, r: unknown) => Promise<unknown>>();
    const seen: unknown[] = [];
    const handlers = Object.fromEntries(CALL_NAMES.map((n) => [n, async (_req: unknown, caller: unknown) => (seen.push(caller), { ok: false, error: { code: 'forbidden', message: 'x' } })])) as unknown as HandlerTable;
    registerIpc({ handle: (ch: string, fn: (e: unknown, r: unknown) => Promise<unknown>) => registered.set(ch, fn) } as never, handlers, silentLogger);
    await registered.get('loket:counter.status')!({ senderFrame: { url: 'loket://app/index.html', parent: null } }, {});
    expect(seen).toEqual([WINDOW_SESSION]);
  });
});

describe('Electron entry', () => {
  it('a second instance exits at once: no core, no ready handler, no second-instance listener of its own', async () => {
    await import('../../electron/main/index');
    expect(mainHost.exitCode).toBe(1);
    expect(mainHost.readyAwaited).toBe(false);
    expect(mainHost.events).toEqual([]);
  });

  it('packaging flips the fuses: no RunAsNode, no NODE_OPTIONS or --inspect, code only from an integrity-checked asar', async () => {
    const require = createRequire(import.meta.url);
    const yaml = require('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    // Every key is one electron-builder knows (a misspelt fuse would be silently ignored).
    const scheme = require('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    for (const key of Object.keys(config.electronFuses)) expect(scheme.definitions.FuseOptionsV1.properties, key).toHaveProperty(key);
  });
});

describe('preload', () => {
  beforeEach(() => {
    invoked.length = 0;
  });
  it('exposes exactly one function per contract call, each on its own channel', async () => {
    await import('../../electron/preload/index');
    const api = exposed.loket as Record<string, (r: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await api['sale.get']!({ saleId: 'x' });
    expect(invoked).toEqual([['loket:sale.get', { saleId: 'x' }]]);
  });
});

describe('loket:// app protocol', () => {
  it('serves the build and nothing outside it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loket-proto-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dir, 'assets', 'a.js'), 'x');
    expect((await appProtocolResponse(dir, 'loket://app/index.html')).status).toBe(200);
    expect((await appProtocolResponse(dir, 'loket://app/assets/a.js')).headers.get('content-type')).toContain('javascript');
    expect((await appProtocolResponse(dir, 'loket://app/%2e%2e/%2e%2e/etc/passwd')).status).not.toBe(200);
    expect((await appProtocolResponse(dir, 'loket://other/index.html')).status).toBe(404);
    expect((await appProtocolResponse(dir, 'loket://app/assets/%E0%A4%A.js')).status).toBe(400);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'loket-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'PIN HASHES');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'assets', 'leak.js'));
    const leak = await appProtocolResponse(dir, 'loket://app/assets/leak.js');
    expect(leak.status).toBe(403);
    expect(await leak.text()).not.toContain('PIN HASHES');
  });
});

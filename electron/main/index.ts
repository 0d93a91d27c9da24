// Electron entry: build the core, serve the renderer from loket://app, wire IPC, lock down.
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { startLoketRuntime, type LoketRuntime } from '../app/loket-runtime';
import { safeStorageKeySource } from './safe-storage-key';
import { applySessionSecurity, guardWebContents } from './security';
import { mainWindowOptions } from './window';
import { registerIpc } from './ipc';
import { withElectronPrinting } from './print';
import { electronNativeBinding } from './native-binding';
import { appProtocolResponse } from './app-protocol';

protocol.registerSchemesAsPrivileged([{ scheme: 'loket', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let loket: LoketRuntime | null = null;
let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const appPath = app.getAppPath();
  const rendererDir = path.join(appPath, 'dist', 'renderer');
  const nativeBinding = electronNativeBinding({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath });
  loket = await startLoketRuntime({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    keySource: safeStorageKeySource(app.getPath('userData'), safeStorage),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  applySessionSecurity(session.defaultSession);
  protocol.handle('loket', (request) => appProtocolResponse(rendererDir, request.url));
  registerIpc(ipcMain, withElectronPrinting(loket.handlers), loket.log.child('ipc'));
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, (url) => shell.openExternal(url)));

  mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs'), path.join(appPath, 'resources', 'icon.png')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL('loket://app/index.html');
  loket.start();
}

function failed(e: unknown): void {
  process.stderr.write(`Loket failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  app.exit(1);
}

// A second Loket only brings the first one's window forward; it never builds a core of its own
// (and the data folder's own lock stops it if it tried: app/data-folder.ts).
if (!app.requestSingleInstanceLock()) {
  app.exit(1);
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.whenReady().then(() => start().catch(failed), failed);

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !loket) return;
    quitting = true;
    event.preventDefault();
    void loket.stop().finally(() => app.quit());
  });

  app.on('window-all-closed', () => app.quit());
}

// One ipcMain.handle per contract call (no generic channel), answering only our own top frame.
import { err } from '../../shared/domain/errors';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, ipcChannel } from '../../shared/contract-names';
import { invokeCall, type HandlerTable } from '../app/invoke';
import type { Logger } from '../log/logger';
import { isAppUrl } from './security';

/**
 * The window is the one session in Electron: IPC answers only the app's own top frame, so nothing
 * else on the machine can reach these handlers (no port, no token to steal).
 */
export const WINDOW_SESSION = { session: 'electron-window' } as const;

export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(ipcMain: IpcMain, handlers: HandlerTable, log: Logger): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, request: unknown) => {
      if (!isTrustedSender(event)) {
        log.warn('ipc.refused', { name, url: event.senderFrame?.url ?? null });
        return err({ code: 'forbidden', message: 'Ditolak.', detail: 'untrusted sender' });
      }
      return invokeCall(handlers, name, request, log, WINDOW_SESSION);
    });
  }
}

// The sandboxed preload: window.loket with exactly one function per contract call, each
// bound to its own IPC channel. No generic send, no Node, no zod (the core validates).
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, ipcChannel } from '../../shared/contract-names';

const api: Record<string, (request: unknown) => Promise<unknown>> = {};
for (const name of CALL_NAMES) {
  const channel = ipcChannel(name);
  api[name] = (request: unknown) => ipcRenderer.invoke(channel, request);
}

contextBridge.exposeInMainWorld('loket', Object.freeze(api));

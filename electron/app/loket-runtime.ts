// What a host runs: one Loket at a time on its data folder, behind a handler table that stays the
// same object while the Loket behind it is replaced. The only replacement is the first start's
// restore: the fresh, empty ledger a first start made is stopped, the recovered key becomes the
// folder's key, the restored (already proven) ledger is put in place, and a new Loket opens on it —
// without the host's window, port or sessions going away.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { CALL_NAMES, type CallName } from '../../shared/contract-names';
import { createLogger, type Logger } from '../log/logger';
import { installStaged } from '../services/backup/restore';
import { claimDataFolder } from './data-folder';
import { createLoket, type Loket } from './create-loket';
import type { LoketConfig } from './config';
import type { Caller, HandlerTable } from './invoke';

export type LoketRuntime = {
  readonly handlers: HandlerTable;
  readonly log: Logger;
  current(): Loket;
  forgetSession(id: string): void;
  start(): void;
  stop(): Promise<void>;
};

export async function startLoketRuntime(config: LoketConfig): Promise<LoketRuntime> {
  const folder = config.folder ?? claimDataFolder(config.dataDir, config.nativeBinding ? { nativeBinding: config.nativeBinding } : {});
  const log = config.log ?? createLogger({ dir: path.join(config.dataDir, 'logs'), stderr: true, now: config.now ?? Date.now });
  let loket: Loket;
  let started = false;

  async function replaceLedger(staged: string, vaultKey: Buffer): Promise<void> {
    const old = loket;
    await old.stop();
    const adopted = await config.keySource.adopt(vaultKey, { replace: true });
    if (!adopted.ok) {
      // Nothing was changed: the first start's Loket opens again as it was.
      loket = await createLoket(full);
      if (started) loket.start();
      throw new Error(`the recovered key cannot be installed: ${adopted.reason}`);
    }
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path.join(config.dataDir, `loket.db${suffix}`), { force: true });
    installStaged(staged, config.dataDir);
    loket = await createLoket(full);
    if (started) loket.start();
    log.info('restore.opened', { dataDir: config.dataDir });
  }

  const full: LoketConfig = { ...config, folder, log, replaceLedger };
  loket = await createLoket(full);
  const table = {} as Record<CallName, (req: never, caller: Caller) => unknown>;
  for (const name of CALL_NAMES) table[name] = (req: never, caller: Caller) => (loket.handlers[name] as (req: never, caller: Caller) => unknown)(req, caller);

  return {
    handlers: table as HandlerTable,
    log,
    current: () => loket,
    forgetSession: (id) => loket.forgetSession(id),
    start() {
      started = true;
      loket.start();
    },
    async stop() {
      await loket.stop();
      if (!config.log) log.close();
      if (!config.folder) folder.release();
    },
  };
}

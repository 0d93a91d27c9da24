// The core as the hosts run it, on a temporary data folder: calls go through the same
// invokeCall wrapper (zod parsing included) that IPC and HTTP use.
import { fixedKeySource } from '../../electron/secrets/key-source';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLoket, type Loket } from '../../electron/app/create-loket';
import { invokeCall } from '../../electron/app/invoke';
import { silentLogger } from '../../electron/log/logger';
import { signInAndOpenShift } from '../support/counter-bootstrap';
import type { CallName } from '../../shared/contract-names';
import type { Req, Res } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import type { LoketConfig } from '../../electron/app/config';

export const TEST_KEY = 'a1'.repeat(32);

export type Session = {
  call<N extends CallName>(name: N, req: Req<N>): Promise<Res<N>>;
  fail<N extends CallName>(name: N, req: Req<N>): Promise<AppError>;
};

/** The core as one host session sees it; `session(id)` is another client (another browser). */
export type Core = Session & {
  loket: Loket;
  dataDir: string;
  session(id: string): Session;
  stop(): Promise<void>;
};

export const TEST_SESSION = 'test';

export function tempDir(prefix = 'loket-it-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startCore(config: Partial<LoketConfig> = {}, opts: { signedIn?: boolean } = {}): Promise<Core> {
  const dataDir = config.dataDir ?? tempDir();
  const loket = await createLoket({
    dataDir,
    host: 'web',
    version: 'test',
    keySource: fixedKeySource(Buffer.from(TEST_KEY, 'hex'), 'test key'),
    log: silentLogger,
    timeScale: 0.01,
    // Roomy timeouts so a loaded CI machine does not turn a plain success into a (correctly
    // handled) pending; the hanging scenarios wait longer than them.
    vsiTimeouts: { connectMs: 2_000, inquiryMs: 3_000, payMs: 3_000, adviceMs: 3_000 },
    trainingSimTiming: { hangMs: 4_000, pendingMs: 400 },
    satTimeouts: { connectMs: 2_000, checkoutMs: 3_000, otherMs: 3_000 },
    chainsideTimeouts: { connectMs: 2_000, createMs: 3_000, readMs: 3_000 },
    trainingSatTiming: { hangMs: 4_000, fulfilMs: 150 },
    providerTimeouts: { digiflazz: { connectMs: 2_000, transactionMs: 3_000, otherMs: 3_000 } },
    trainingTimings: { digiflazz: { hangMs: 4_000, settleMs: 150 } },
    startWaitMs: 1_500,
    ...config,
  });
  loket.start();
  const raw = async (name: CallName, req: unknown, session = TEST_SESSION) => invokeCall(loket.handlers, name, req, silentLogger, { session });
  if (opts.signedIn !== false) await signInAndOpenShift(raw);
  const session = (id: string): Session => ({
    async call(name, req) {
      const r = await raw(name, req, id);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message} ${r.error.detail ?? ''}`);
      return r.value as never;
    },
    async fail(name, req) {
      const r = await raw(name, req, id);
      if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
      return r.error;
    },
  });
  return {
    loket,
    dataDir,
    ...session(TEST_SESSION),
    session,
    stop: () => loket.stop(),
  };
}

let counter = 0;
export const requestId = (): string => `test-${process.pid}-${Date.now()}-${++counter}`;

/** Inquiry + cash sale; returns the sale as start returned it. */
export async function sellToken(core: Core, number: string, denomination = 100_000, tendered?: number) {
  const inq = await core.call('pln.inquire', { customerNumber: number });
  const total = inq.options.find((o) => o.denomination === denomination)!.amounts.total;
  return core.call('sale.startPlnToken', {
    clientRequestId: requestId(),
    // A helper for tests that sell the same meter again and again; the repeat rule has its own tests.
    confirmRepeat: true,
    inquiryId: inq.inquiryId,
    denomination,
    payment: { method: 'cash', tendered: tendered ?? total },
  });
}

export async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const isFinal = (s: { state: string }): boolean => s.state === 'succeeded' || s.state === 'failed' || s.state === 'cancelled';

export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as import('node:net').AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

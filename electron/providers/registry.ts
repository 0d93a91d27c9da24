// The one list of purchase providers (issue 14). Each entry pairs a provider folder's descriptor
// with how training mode starts its simulator and points the client at it. Adding a provider is a
// folder in providers/, one in simulators/, and a line here; everything else asks the descriptor.
// The only file outside a provider's own folders that may name it.
import path from 'node:path';
import type { PurchaseDescriptor } from './descriptor';
import type { NonCashMethod, PaymentProviderName } from './payment-contract';
import { vsiDescriptor } from './vsi/descriptor';
import { satDescriptor } from './sat/descriptor';
import { digiflazzDescriptor } from './digiflazz/descriptor';
import { DEFAULT_SIM_TIMING, startVsiSimulator, type VsiSimTiming, type VsiSimulator } from '../simulators/vsi/server';
import { startSatSimulator, type SatSimConfig, type SatSimulator } from '../simulators/sat/server';
import { startDigiflazzSimulator, type DigiflazzSimConfig, type DigiflazzSimulator } from '../simulators/digiflazz/server';

/** Simulator settings a run may set (tests shorten them; LOKET_TIME_SCALE scales the defaults). */
export type SimTimings = {
  vsi?: Partial<VsiSimTiming>;
  sat?: Partial<Pick<SatSimConfig, 'fulfilMs' | 'hangMs'>>;
  digiflazz?: Partial<Pick<DigiflazzSimConfig, 'settleMs' | 'hangMs'>>;
};

export type TrainingContext = { dataDir: string; scale: number; timings: SimTimings };

/** A running training simulator and the settings that point a client at it. */
export type Training<S> = { sim: S; config: Record<string, string>; secrets: Record<string, string>; close(): Promise<void> };

export type PurchaseEntry<S> = {
  descriptor: PurchaseDescriptor;
  training(ctx: TrainingContext): Promise<Training<S>>;
};

const statePath = (ctx: TrainingContext, name: string): string => path.join(ctx.dataDir, 'training', `${name}-sim.json`);
const scaled = (ms: number, k: number): number => Math.round(ms * k);

/** Training credentials: fixed, so a training ledger's orders stay readable across restarts. */
export const TRAINING_CREDENTIALS = {
  vsi: { clientId: 'TRAINING', secret: 'loket-training-mode' },
  sat: { clientId: 'loket-training', clientSecret: 'loket-training-mode' },
  digiflazz: { username: 'loketlatihan', devKey: 'dev-loket-training-mode', prodKey: 'loket-training-production' },
} as const;

export const VSI: PurchaseEntry<VsiSimulator> = {
  descriptor: vsiDescriptor,
  async training(ctx) {
    const sim = await startVsiSimulator({
      ...TRAINING_CREDENTIALS.vsi,
      statePath: statePath(ctx, 'vsi'),
      config: { timing: { hangMs: scaled(DEFAULT_SIM_TIMING.hangMs, ctx.scale), pendingMs: scaled(DEFAULT_SIM_TIMING.pendingMs, ctx.scale), ...ctx.timings.vsi } },
    });
    return { sim, config: { baseUrl: sim.baseUrl, clientId: TRAINING_CREDENTIALS.vsi.clientId, dtFormat: 'YYYYMMDD' }, secrets: { secret: TRAINING_CREDENTIALS.vsi.secret }, close: sim.close };
  },
};

export const SAT: PurchaseEntry<SatSimulator> = {
  descriptor: satDescriptor,
  async training(ctx) {
    const sim = await startSatSimulator({
      ...TRAINING_CREDENTIALS.sat,
      statePath: statePath(ctx, 'sat'),
      config: { fulfilMs: scaled(3_000, ctx.scale), hangMs: scaled(40_000, ctx.scale), ...ctx.timings.sat },
    });
    const c = sim.credentials;
    return {
      sim,
      config: { baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, clientId: c.clientId },
      secrets: { clientSecret: c.clientSecret, privateKeyPem: c.privateKeyPem, satPublicKeyPem: c.satPublicKeyPem },
      close: sim.close,
    };
  },
};

export const DIGIFLAZZ: PurchaseEntry<DigiflazzSimulator> = {
  descriptor: digiflazzDescriptor,
  async training(ctx) {
    const t = TRAINING_CREDENTIALS.digiflazz;
    const sim = await startDigiflazzSimulator({
      username: t.username,
      devKey: t.devKey,
      prodKey: t.prodKey,
      statePath: statePath(ctx, 'digiflazz'),
      config: { settleMs: scaled(3_000, ctx.scale), hangMs: scaled(40_000, ctx.scale), ...ctx.timings.digiflazz },
    });
    return {
      sim,
      config: { baseUrl: sim.baseUrl, username: t.username, keyMode: 'development' },
      secrets: { apiKey: t.devKey, webhookSecret: sim.credentials.webhookSecret },
      close: sim.close,
    };
  },
};

/** Every purchase provider, in the order settings list them. */
export const PURCHASE_PROVIDERS: ReadonlyArray<PurchaseEntry<unknown>> = [VSI, SAT, DIGIFLAZZ];

export function purchaseEntry(name: string): PurchaseEntry<unknown> | null {
  return PURCHASE_PROVIDERS.find((e) => e.descriptor.name === name) ?? null;
}

export function purchaseDescriptor(name: string): PurchaseDescriptor | null {
  return purchaseEntry(name)?.descriptor ?? null;
}

export const PURCHASE_PROVIDER_NAMES: readonly string[] = PURCHASE_PROVIDERS.map((e) => e.descriptor.name);

/** Which gateway takes each non-cash way to pay (the payment_methods reference table says the same). */
export const PAYMENT_METHOD_GATEWAY: Readonly<Record<NonCashMethod, PaymentProviderName>> = {
  qris: 'midtrans',
  gopay: 'midtrans',
  shopeepay: 'midtrans',
  va_bca: 'midtrans',
  va_bni: 'midtrans',
  va_bri: 'midtrans',
  va_permata: 'midtrans',
  mandiri_bill: 'midtrans',
  card: 'worldline',
  bitcoin: 'chainside',
};

/** The payment gateways' names as people read them. */
export const PAYMENT_PROVIDER_NAMES: Readonly<Record<PaymentProviderName, string>> = { midtrans: 'Midtrans', worldline: 'Worldline', chainside: 'Chainside' };

// SAT as the registry sees it: a distributor (catalogue, deposit, bill inquiry, PLN tokens as
// catalogue products, checked against one of them), signed status answers, callbacks; its order
// is asynchronous by design, so its status ladder is dense (sat.md §6).
import { timeoutsFor, type PurchaseDescriptor } from '../descriptor';
import { createSatClient, DEFAULT_SAT_TIMEOUTS } from './client';

const S = 1000;

export const satDescriptor: PurchaseDescriptor = {
  role: 'purchase',
  name: 'sat',
  displayName: 'SAT',
  capabilities: { sells: ['pln_prepaid', 'digital', 'bill'], plnLookup: 'by_product', tokenPricing: 'catalog', catalog: true, deposit: true, billInquiry: true, callbacks: true, chargedAmounts: 'cost' },
  statusLadder: { first: [2 * S, 5 * S, 10 * S, 30 * S, 60 * S], everyMs: 60 * S },
  depositAccount: { code: '1302', name: 'Deposit SAT' },
  settings: {
    form: 'own',
    key: 'sat.production',
    fields: [
      { name: 'baseUrl', label: 'Alamat API SAT', kind: 'url', required: true },
      { name: 'tokenUrl', label: 'Alamat token SAT', kind: 'url', required: true },
      { name: 'clientId', label: 'Client ID', kind: 'text', required: true },
      { name: 'downlineId', label: 'ID downline (opsional)', kind: 'text', required: false },
    ],
    secrets: [
      { field: 'clientSecret', label: 'Client secret', vaultName: 'sat.production.clientSecret', boundTo: ['baseUrl', 'tokenUrl', 'clientId'], required: true },
      { field: 'privateKeyPem', label: 'Kunci privat mitra', vaultName: 'sat.production.privateKey', boundTo: 'local', required: true },
      { field: 'satPublicKeyPem', label: 'Kunci publik SAT', vaultName: 'sat.production.satPublicKey', boundTo: 'local', required: true },
    ],
  },
  callback: null,
  create(ctx) {
    const c = ctx.config;
    const s = ctx.secrets;
    const client = createSatClient({
      endpoint: {
        baseUrl: c.baseUrl!,
        tokenUrl: c.tokenUrl!,
        clientId: c.clientId!,
        clientSecret: s.clientSecret!,
        privateKeyPem: s.privateKeyPem!,
        satPublicKeyPem: s.satPublicKeyPem!,
        downlineId: c.downlineId || null,
      },
      timeouts: timeoutsFor(DEFAULT_SAT_TIMEOUTS, ctx),
      now: ctx.now,
      log: ctx.log,
    });
    return { purchaser: client, plnLookup: client, distributor: client };
  },
};

// VSI as the registry sees it: PLN tokens only, priced by its inquiry's admin fee, no catalogue or
// deposit read over the API (its deposit is booked from top-ups), advice per vsi.md §1.6.
import { timeoutsFor, type PurchaseDescriptor } from '../descriptor';
import { createVsiClient, DEFAULT_VSI_TIMEOUTS } from './client';

const S = 1000;
const M = 60 * S;

export const vsiDescriptor: PurchaseDescriptor = {
  role: 'purchase',
  name: 'vsi',
  displayName: 'VSI',
  capabilities: { sells: ['pln_prepaid'], plnLookup: 'by_number', tokenPricing: 'inquiry_admin', catalog: false, deposit: false, billInquiry: false, callbacks: false, chargedAmounts: 'face_or_cost' },
  statusLadder: { first: [5 * S, 30 * S, 60 * S, 2 * M], everyMs: 2 * M },
  depositAccount: { code: '1301', name: 'Deposit VSI' },
  settings: {
    form: 'own',
    key: 'vsi.production',
    fields: [
      { name: 'baseUrl', label: 'Alamat VSI', kind: 'url', required: true },
      { name: 'clientId', label: 'Client ID', kind: 'text', required: true },
      { name: 'dtFormat', label: 'Format tanggal', kind: 'choice', choices: ['YYYYMMDD', 'YYYYMMDDHHmmss'], required: true },
    ],
    secrets: [{ field: 'secret', label: 'Secret', vaultName: 'vsi.production.secret', boundTo: ['baseUrl', 'clientId'], required: true }],
  },
  callback: null,
  create(ctx) {
    const dtFormat = ctx.config.dtFormat === 'YYYYMMDDHHmmss' ? 'YYYYMMDDHHmmss' : 'YYYYMMDD';
    const client = createVsiClient({
      endpoint: { baseUrl: ctx.config.baseUrl!, clientId: ctx.config.clientId!, secret: ctx.secrets.secret!, dtFormat },
      timeouts: timeoutsFor(DEFAULT_VSI_TIMEOUTS, ctx),
      now: ctx.now,
      log: ctx.log,
    });
    return { purchaser: client, plnLookup: client, distributor: null };
  },
};

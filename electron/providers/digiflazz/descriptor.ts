// Digiflazz as the registry sees it: a distributor (price lists, deposit, postpaid inquiry, PLN
// tokens as catalogue SKUs, meter check by number), webhooks as hints. Status checks re-send the
// same request and must not come more often than once a minute per transaction (digiflazz.md §3.5).
import { timeoutsFor, type PurchaseDescriptor } from '../descriptor';
import { createDigiflazzClient, DEFAULT_DIGIFLAZZ_TIMEOUTS, digiflazzWebhookReader } from './client';

const M = 60_000;

export const digiflazzDescriptor: PurchaseDescriptor = {
  role: 'purchase',
  name: 'digiflazz',
  displayName: 'Digiflazz',
  capabilities: { sells: ['pln_prepaid', 'digital', 'bill'], plnLookup: 'by_number', tokenPricing: 'catalog', catalog: true, deposit: true, billInquiry: true, callbacks: true, chargedAmounts: 'cost' },
  statusLadder: { first: [M, 2 * M, 3 * M, 5 * M], everyMs: 5 * M },
  depositAccount: { code: '1303', name: 'Deposit Digiflazz' },
  settings: {
    form: 'generic',
    key: 'digiflazz.production',
    fields: [
      { name: 'baseUrl', label: 'Alamat API Digiflazz', kind: 'url', required: true },
      { name: 'username', label: 'Username', kind: 'text', required: true },
      { name: 'keyMode', label: 'Jenis API key', kind: 'choice', choices: ['production', 'development'], required: true },
    ],
    secrets: [
      { field: 'apiKey', label: 'API key', vaultName: 'digiflazz.production.apiKey', boundTo: ['baseUrl', 'username'], required: true },
      { field: 'webhookSecret', label: 'Secret webhook', vaultName: 'digiflazz.production.webhookSecret', boundTo: 'local', required: false },
    ],
  },
  callback: {
    path: '/digiflazz/webhook',
    secretField: 'webhookSecret',
    read(secret) {
      const read = digiflazzWebhookReader(secret);
      return (raw, headers) => {
        const signature = headers['x-hub-signature'];
        const r = read(raw, typeof signature === 'string' ? signature : undefined);
        return r ? { ref: r.refId } : null;
      };
    },
  },
  create(ctx) {
    const client = createDigiflazzClient({
      endpoint: { baseUrl: ctx.config.baseUrl!, username: ctx.config.username!, apiKey: ctx.secrets.apiKey!, testing: ctx.config.keyMode === 'development' },
      timeouts: timeoutsFor(DEFAULT_DIGIFLAZZ_TIMEOUTS, ctx),
      now: ctx.now,
      log: ctx.log,
      callbackUrl: ctx.callbackUrl,
    });
    return { purchaser: client, plnLookup: client, distributor: client };
  },
};

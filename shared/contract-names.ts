// The fixed set of calls the renderer may make. The sandboxed preload exposes exactly these
// (one function each, no generic channel); contract.ts proves at compile time that every name
// has schemas and every schema has a name.
export const CALL_NAMES = [
  'app.info',
  'pln.inquire',
  'sale.startPlnToken',
  'bill.inquire',
  'sale.startBill',
  'sale.startDigital',
  'catalog.list',
  'catalog.sync',
  'deposit.get',
  'pricing.list',
  'pricing.set',
  'pricing.remove',
  'sale.get',
  'sale.checkStatus',
  'sale.confirmCashReturned',
  'sale.declareFailed',
  'payment.check',
  'payment.cancel',
  'payment.simulate',
  'payment.refund',
  'audit.verify',
  'ledger.today',
  'receipt.get',
  'receipt.print',
  'receipt.export',
  'settings.get',
  'settings.saveOutlet',
  'settings.saveVsi',
  'settings.setMode',
  'settings.setLocale',
  'settings.saveSat',
  'settings.setRouting',
  'settings.setLowBalance',
  'settings.setCallback',
  'settings.saveMidtrans',
  'settings.saveWorldline',
  'settings.saveChainside',
  'crypto.create',
  'crypto.get',
  'crypto.check',
  'crypto.cancel',
  'crypto.simulate',
  'crypto.list',
  'crypto.receipt',
] as const;

export type CallName = (typeof CALL_NAMES)[number];

/** Electron IPC channel for a call; the web host uses POST /api/<name>. */
export const ipcChannel = (name: CallName): string => `loket:${name}`;

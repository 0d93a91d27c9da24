import { z } from 'zod';
import { readFieldValues } from '../../shared/provider-fields';
import type { SaleRecord } from '../db/rows';
import { DisplayLine } from '../../shared/contract';

export type ReceiptKind = 'token' | 'bill' | 'digital' | 'pending' | 'failed' | 'payment_slip' | 'cancelled';

/** How the customer paid, as the struk may show it: never a full card number, never a secret. */
export type ReceiptPayment = {
  method: SaleRecord['payment_method'];
  state: SaleRecord['payment_state'];
  reference: string | null;
  approvalCode: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  refunded: number;
  /** The provider cannot give it back (a transfer, a refused refund): a supervisor returns it by hand. */
  byHand: boolean;
  expiresAt: number | null;
  vaNumber: string | null;
  bank: string | null;
  billKey: string | null;
  billerCode: string | null;
  qr: string | null;
  /** A bitcoin payment order: what was asked, at what rate, and the transactions that paid it. */
  bitcoin: { orderUuid: string; satoshi: number; rate: string; address: string; txids: string[] } | null;
  /** Received beyond the sale (bitcoin overpaid): a supervisor gives it back. */
  excess: number;
};

export type ReceiptModel = {
  kind: ReceiptKind;
  outlet: { name: string; address: string };
  training: boolean;
  receiptNo: string;
  providerRef: string;
  saleAt: number;
  timeZone: string;
  cashier: string;
  product: { kind: SaleRecord['product_kind']; name: string; category: string };
  /** `extra`: the product's extra inputs as sent (a game's zone id, a tax year), by their labels. */
  customer: { number: string; meterNumber: string; idpel: string; name: string; tariffPower: string; extra: Array<{ label: string; value: string }> };
  amounts: { faceValue: number; providerAdmin: number; margin: number; total: number; tendered: number; change: number };
  token: string | null;
  kwh: string | null;
  payRef: string | null;
  serialNumber: string | null;
  voucherCode: string | null;
  vendorTime: string | null;
  taxes: { materai: string; ppn: string; ppj: string; angsuran: string } | null;
  inquiryLines: DisplayLine[];
  fulfillmentLines: DisplayLine[];
  failureMessage: string | null;
  payment: ReceiptPayment;
  copy: { number: number; at: number } | null;
};

const VendorJson = z
  .object({
    taxes: z.object({ ppn: z.string(), ppj: z.string(), materai: z.string(), angsuran: z.string() }).nullable(),
  })
  .partial();
const Lines = z.array(DisplayLine);

function parse<T>(schema: z.ZodType<T>, json: string | null, fallback: T): T {
  if (json === null) return fallback;
  try {
    return schema.parse(JSON.parse(json));
  } catch {
    return fallback;
  }
}

const Display = z
  .object({
    qrString: z.string().nullable(),
    vaNumber: z.string().nullable(),
    bank: z.string().nullable(),
    billKey: z.string().nullable(),
    billerCode: z.string().nullable(),
    bitcoin: z.object({ orderUuid: z.string(), satoshi: z.number().int(), rate: z.string(), address: z.string(), txids: z.array(z.string()), uri: z.string().optional() }).nullable(),
  })
  .partial();

export function receiptKind(sale: Pick<SaleRecord, 'state' | 'product_kind'>): ReceiptKind {
  if (sale.state === 'failed') return 'failed';
  if (sale.state === 'cancelled') return 'cancelled';
  // What the customer needs to pay (a VA number, a bill key) on paper while the sale waits.
  if (sale.state === 'awaiting_payment') return 'payment_slip';
  if (sale.state !== 'succeeded') return 'pending';
  return sale.product_kind === 'pln_prepaid' ? 'token' : sale.product_kind;
}

export function receiptModel(
  sale: SaleRecord,
  ctx: { outlet: { name: string; address: string }; timeZone: string; receiptNo: string; copy: ReceiptModel['copy'] },
): ReceiptModel {
  return {
    kind: receiptKind(sale),
    outlet: ctx.outlet,
    training: sale.env === 'training',
    receiptNo: ctx.receiptNo,
    providerRef: sale.provider_ref,
    saleAt: sale.created_at,
    timeZone: ctx.timeZone,
    cashier: sale.cashier,
    product: { kind: sale.product_kind, name: sale.product_name, category: sale.category },
    customer: {
      number: sale.customer_number,
      meterNumber: sale.meter_number,
      idpel: sale.idpel,
      name: sale.customer_name,
      tariffPower: sale.tariff_power,
      extra: readFieldValues(sale.provider_fields).map((f) => ({ label: f.label ?? f.name, value: f.value })),
    },
    amounts: {
      faceValue: sale.face_value,
      providerAdmin: sale.provider_admin,
      margin: sale.margin,
      total: sale.total,
      tendered: sale.payment_tendered,
      change: sale.payment_change,
    },
    token: sale.token,
    kwh: sale.kwh,
    payRef: sale.pay_ref,
    serialNumber: sale.serial_number,
    voucherCode: sale.voucher_code,
    vendorTime: sale.vendor_time,
    taxes: parse(VendorJson, sale.vendor_json, {}).taxes ?? null,
    inquiryLines: parse(Lines, sale.inquiry_lines, []),
    fulfillmentLines: parse(Lines, sale.fulfillment_lines, []),
    failureMessage: sale.failure_message,
    payment: receiptPayment(sale),
    copy: ctx.copy,
  };
}

function receiptPayment(sale: SaleRecord): ReceiptPayment {
  const d = parse(Display, sale.payment_display, {});
  return {
    method: sale.payment_method,
    state: sale.payment_state,
    reference: sale.payment_reference,
    approvalCode: sale.payment_approval,
    cardBrand: sale.payment_card_brand,
    cardLast4: sale.payment_card_last4,
    refunded: sale.payment_refunded,
    byHand: sale.payment_refund_manual === 1,
    expiresAt: sale.payment_expires_at,
    vaNumber: d.vaNumber ?? null,
    bank: d.bank ?? null,
    billKey: d.billKey ?? null,
    billerCode: d.billerCode ?? null,
    // What the slip's QR encodes: the QRIS / e-wallet string, or the order's BIP21 URI exactly as Chainside gave it.
    qr: d.qrString ?? d.bitcoin?.uri ?? null,
    bitcoin: d.bitcoin ? { orderUuid: d.bitcoin.orderUuid, satoshi: d.bitcoin.satoshi, rate: d.bitcoin.rate, address: d.bitcoin.address, txids: d.bitcoin.txids } : null,
    excess: sale.payment_excess,
  };
}

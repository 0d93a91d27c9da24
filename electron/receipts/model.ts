import { z } from 'zod';
import type { SaleRecord } from '../db/rows';
import { DisplayLine } from '../../shared/contract';

export type ReceiptKind = 'token' | 'bill' | 'digital' | 'pending' | 'failed';

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
  customer: { number: string; meterNumber: string; idpel: string; name: string; tariffPower: string };
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
  cashState: SaleRecord['cash_state'];
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

export function receiptKind(sale: Pick<SaleRecord, 'state' | 'product_kind'>): ReceiptKind {
  if (sale.state === 'failed') return 'failed';
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
    },
    amounts: {
      faceValue: sale.face_value,
      providerAdmin: sale.provider_admin,
      margin: sale.margin,
      total: sale.total,
      tendered: sale.cash_tendered,
      change: sale.cash_change,
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
    cashState: sale.cash_state,
    copy: ctx.copy,
  };
}

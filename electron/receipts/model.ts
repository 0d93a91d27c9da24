import { z } from 'zod';
import type { SaleRecord } from '../db/rows';

export type ReceiptKind = 'token' | 'pending' | 'failed';

export type ReceiptModel = {
  kind: ReceiptKind;
  outlet: { name: string; address: string };
  training: boolean;
  receiptNo: string;
  trxid: string;
  saleAt: number;
  timeZone: string;
  cashier: string;
  customer: { meterNumber: string; idpel: string; name: string; tariffPower: string };
  amounts: { denomination: number; providerAdmin: number; counterFee: number; total: number; tendered: number; change: number };
  token: string | null;
  kwh: string | null;
  payRef: string | null;
  vendorTime: string | null;
  taxes: { materai: string; ppn: string; ppj: string; angsuran: string } | null;
  failureMessage: string | null;
  cashState: SaleRecord['cash_state'];
  copy: { number: number; at: number } | null;
};

const VendorJson = z
  .object({
    taxes: z.object({ ppn: z.string(), ppj: z.string(), materai: z.string(), angsuran: z.string() }),
  })
  .partial();

export function receiptKind(state: SaleRecord['state']): ReceiptKind {
  if (state === 'succeeded') return 'token';
  if (state === 'failed') return 'failed';
  return 'pending';
}

export function receiptModel(
  sale: SaleRecord,
  ctx: { outlet: { name: string; address: string }; timeZone: string; receiptNo: string; copy: ReceiptModel['copy'] },
): ReceiptModel {
  let taxes: ReceiptModel['taxes'] = null;
  if (sale.vendor_json) {
    try {
      taxes = VendorJson.parse(JSON.parse(sale.vendor_json)).taxes ?? null;
    } catch {
      taxes = null;
    }
  }
  return {
    kind: receiptKind(sale.state),
    outlet: ctx.outlet,
    training: sale.env === 'training',
    receiptNo: ctx.receiptNo,
    trxid: sale.trxid,
    saleAt: sale.created_at,
    timeZone: ctx.timeZone,
    cashier: sale.cashier,
    customer: {
      meterNumber: sale.meter_number,
      idpel: sale.idpel,
      name: sale.customer_name,
      tariffPower: sale.tariff_power,
    },
    amounts: {
      denomination: sale.denomination,
      providerAdmin: sale.provider_admin,
      counterFee: sale.counter_fee,
      total: sale.total,
      tendered: sale.cash_tendered,
      change: sale.cash_change,
    },
    token: sale.token,
    kwh: sale.kwh,
    payRef: sale.pay_ref,
    vendorTime: sale.vendor_time,
    taxes,
    failureMessage: sale.failure_message,
    cashState: sale.cash_state,
    copy: ctx.copy,
  };
}

// Digiflazz answers as zod schemas, tolerant where the documentation is loose (digiflazz.md §6.10):
// numbers may come as numeric strings, extra fields are kept, missing optional fields are fine.
import { z } from 'zod';

/** A number, or a numeric string ("98000"), as integer rupiah. */
export const Rupiah = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Math.round(Number(v)));

/** Any answer: `{"data": …}`; the rc decides, not the HTTP status (§4.2). */
export const Envelope = z.object({ data: z.unknown() });

export const TransactionData = z.looseObject({
  ref_id: z.string().optional(),
  customer_no: z.string().optional(),
  buyer_sku_code: z.string().optional(),
  message: z.string().optional().default(''),
  status: z.string().optional().default(''),
  rc: z.string(),
  sn: z.string().nullish(),
  buyer_last_saldo: Rupiah.optional(),
  price: Rupiah.optional(),
  selling_price: Rupiah.optional(),
  admin: Rupiah.optional(),
  customer_name: z.string().optional(),
  periode: z.string().optional(),
  desc: z.unknown().optional(),
});
export type TransactionData = z.infer<typeof TransactionData>;

export const BillDetail = z.looseObject({
  periode: z.string().optional(),
  nilai_tagihan: Rupiah.optional(),
  admin: Rupiah.optional(),
  denda: Rupiah.optional(),
  biaya_lain: Rupiah.optional(),
  meter_awal: z.string().optional(),
  meter_akhir: z.string().optional(),
});

export const BillDesc = z.looseObject({
  tarif: z.string().optional(),
  daya: z.union([z.number(), z.string()]).optional(),
  lembar_tagihan: z.union([z.number(), z.string()]).optional(),
  alamat: z.string().optional(),
  jatuh_tempo: z.string().optional(),
  jumlah_peserta: z.string().optional(),
  detail: z.array(BillDetail).optional(),
});

export const PlnInquiryData = z.looseObject({
  rc: z.string(),
  status: z.string().optional().default(''),
  message: z.string().optional().default(''),
  customer_no: z.string().optional(),
  meter_no: z.string().optional(),
  subscriber_id: z.string().optional(),
  name: z.string().optional(),
  segment_power: z.string().optional(),
});

export const BalanceData = z.looseObject({ deposit: Rupiah });

export const PrepaidItem = z.looseObject({
  product_name: z.string(),
  category: z.string(),
  brand: z.string(),
  type: z.string().optional(),
  price: Rupiah,
  buyer_sku_code: z.string(),
  buyer_product_status: z.boolean(),
  seller_product_status: z.boolean(),
  unlimited_stock: z.boolean().optional(),
  stock: Rupiah.optional(),
  start_cut_off: z.string().optional(),
  end_cut_off: z.string().optional(),
  desc: z.string().optional(),
});
export type PrepaidItem = z.infer<typeof PrepaidItem>;

export const PascaItem = z.looseObject({
  product_name: z.string(),
  category: z.string(),
  brand: z.string(),
  admin: Rupiah.optional(),
  commission: Rupiah.optional(),
  buyer_sku_code: z.string(),
  buyer_product_status: z.boolean(),
  seller_product_status: z.boolean(),
});
export type PascaItem = z.infer<typeof PascaItem>;

/** A refusal with no transaction data: rc and message only (§4.2). */
export const RcOnly = z.looseObject({ rc: z.string(), message: z.string().optional().default('') });

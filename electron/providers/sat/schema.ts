// SAT's JSON:API envelopes (sat.md §2.2, §4), validated on the way in. Unknown attributes pass.
import { z } from 'zod';

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});

export const ErrorBody = z.object({
  errors: z
    .array(
      z.object({
        code: z.string().optional(),
        detail: z.string().optional(),
        title: z.string().optional(),
        status: z.string().optional(),
      }),
    )
    .min(1),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const Line = z.object({ name: z.string(), value: z.string() });
const Lines = z.array(Line).nullable().optional();

export const AccountBody = z.object({
  data: z.object({ type: z.literal('account'), id: z.string(), attributes: z.object({ saldo: z.number().int() }) }),
});

/** One product as SAT lists it; `status` as a number, so an unexpected one is seen (and flagged), not fatal. */
export const ProductItem = z.object({
  type: z.literal('product'),
  id: z.string(),
  attributes: z.object({
    product_name: z.string(),
    price: z.number().int().nonnegative(),
    is_inquiry: z.boolean(),
    status: z.number().int(),
    operator_name: z.string().optional(),
    category_name: z.string().optional(),
    /**
     * Extra inputs a product asks for — the requests' `fields` (sat.md §4.4: "product-specific extra
     * inputs"). How a product declares them is not published: read leniently (names, or objects
     * with a name and maybe a label), and anything unreadable ignored rather than losing the product.
     */
    fields: z.unknown().optional(),
  }),
});
export type ProductItem = z.infer<typeof ProductItem>;

/** The list itself; its items are read one by one (one odd product does not lose the catalogue). */
export const ProductListBody = z.object({ data: z.array(z.unknown()) });

export const InquiryBody = z.object({
  data: z.object({
    type: z.literal('inquiry'),
    id: z.string(),
    attributes: z.object({
      admin_fee: z.number().int().nonnegative(),
      base_price: z.number().int().nonnegative(),
      sales_price: z.number().int().nonnegative(),
      client_name: z.string(),
      client_number: z.string(),
      inquiry_result: Lines,
      meter_id: z.string().optional(),
      product_code: z.string(),
    }),
  }),
});

export type InquiryBody = z.infer<typeof InquiryBody>;

export const OrderBody = z.object({
  data: z.object({
    type: z.literal('order'),
    id: z.string(),
    attributes: z.object({
      status: z.enum(['Pending', 'Success', 'Failed']),
      product_code: z.string(),
      client_number: z.string(),
      sales_price: z.number().int().nonnegative(),
      error_code: z.string().optional(),
      error_detail: z.string().optional(),
      serial_number: z.string().optional(),
      voucher_code: z.string().optional(),
      client_name: z.string().optional(),
      admin_fee: z.number().int().optional(),
      fulfilled_at: z.string().nullable().optional(),
      fulfillment_result: Lines,
      partner_fee: z.number().optional(),
    }),
  }),
});
export type OrderBody = z.infer<typeof OrderBody>;

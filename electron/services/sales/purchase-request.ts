// The purchase exactly as a sale sends it — built in one place, so the status check of a provider
// that re-sends the same request (Digiflazz) asks for exactly what was bought.
import type { PurchaseRequest } from '../../providers/contract';
import type { SaleRecord } from '../../db/rows';
import { readFieldValues } from '../../../shared/provider-fields';

export function purchaseRequestOf(sale: SaleRecord): PurchaseRequest {
  return {
    ref: sale.provider_ref,
    kind: sale.product_kind,
    providerProduct: sale.provider_product,
    customerNumber: sale.customer_number,
    faceValue: sale.face_value,
    amount: sale.product_kind === 'bill' ? sale.provider_cost : 0,
    maxCost: sale.provider_cost,
    inquiryRef: sale.inquiry_ref,
    fields: readFieldValues(sale.provider_fields),
  };
}

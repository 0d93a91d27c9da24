// What services know about upstream providers. Wire formats stay in each provider's folder; here
// there are only outcomes, in the three classes the money path cares about.
import type { FieldSpec, FieldValue } from '../../shared/provider-fields';
import type { ErrorCode } from '../../shared/domain/errors';

/** A purchase provider's name as the registry lists it (electron/providers/registry.ts). */
export type ProviderName = string;

export type ProductKind = 'pln_prepaid' | 'bill' | 'digital';

/** A provider failure translated for the counter; `detail` keeps the raw code/message for the log. */
export type ProviderError = {
  code: ErrorCode;
  message: string;
  detail: string;
  providerCode: string | null;
};

export type ProviderResult<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

/** A label/value line as the provider wants it shown and printed (SAT inquiry/fulfilment results). */
export type DisplayLine = { name: string; value: string };

export type PlnCustomer = {
  meterNumber: string;
  idpel: string;
  name: string;
  tariffPower: string;
};

export type PlnInquiryResult = PlnCustomer & {
  /** VSI's INQREF for the PAY; null where the provider has none (SAT). */
  inquiryRef: string | null;
  providerAdmin: number;
  unsoldTokens: number;
};

/** What a successful purchase delivered. Fields a provider does not have are null. */
export type Delivered = {
  token: string | null;
  kwh: string | null;
  serialNumber: string | null;
  voucherCode: string | null;
  payRef: string | null;
  adviceRef: string | null;
  vendorTime: string | null;
  chargedAmount: number | null;
  customerName: string | null;
  tariffPower: string | null;
  lines: DisplayLine[];
  taxes: { ppn: string; ppj: string; materai: string; angsuran: string } | null;
  providerCode: string;
};

/**
 * The outcome of a purchase or a status/advice call:
 * - success: goods delivered;
 * - failed: definitely not done, nothing taken; `confirm` asks for one advice first (VSI 0051);
 * - uncertain: may or may not have happened; never bought again under a new id. `notFound`: the
 *   provider says it has no such order (yet); `acknowledged`: it says it holds the order.
 */
export type PurchaseOutcome =
  | { kind: 'success'; delivered: Delivered }
  | { kind: 'failed'; error: ProviderError; confirm: boolean }
  | { kind: 'uncertain'; error: ProviderError; notFound: boolean; acknowledged: boolean };

export type PurchaseRequest = {
  /** Our id for this purchase (VSI trxid, SAT request_id, Digiflazz ref_id), persisted before the call. */
  ref: string;
  kind: ProductKind;
  providerProduct: string;
  customerNumber: string;
  /** The product's face value (VSI nominal). */
  faceValue: number;
  /** What we agree to pay for it (SAT checkout amount); 0 when the provider prices it itself. */
  amount: number;
  /** What the sale was priced at: the most the provider may take (Digiflazz `max_price`). */
  maxCost: number;
  inquiryRef: string | null;
  /** The product's extra inputs, as the sale keeps them (SAT `fields`); absent or empty for none. */
  fields?: FieldValue[];
};

export type AdviceRequest = {
  ref: string;
  payRef: string | null;
  customerNumber: string;
  faceValue: number;
  /** This advice confirms a failure the purchase reported (VSI 0051). */
  confirming: boolean;
  /** The purchase exactly as it was sent (Digiflazz: the same request again is the status check). */
  purchase: PurchaseRequest;
  /** When the purchase first left; null when it never did. */
  firstSentAt: number | null;
};

export type PurchaseProvider = {
  readonly name: ProviderName;
  /**
   * Re-sending a purchase with the same ref can never create a second order (SAT answers a
   * duplicate id with P03), so after a "not found" status it may be sent again.
   */
  readonly resendSafe: boolean;
  purchase(request: PurchaseRequest): Promise<PurchaseOutcome>;
  advise(request: AdviceRequest): Promise<PurchaseOutcome>;
};

export type PlnLookup = {
  inquirePln(request: { ref: string; customerNumber: string; providerProduct: string }): Promise<ProviderResult<PlnInquiryResult>>;
};

export type CatalogProduct = {
  code: string;
  kind: ProductKind;
  name: string;
  category: string;
  operator: string;
  price: number;
  /** The nominal a prepaid product carries (Rp 25.000 pulsa, a 100k token), when known. */
  faceValue: number | null;
  isInquiry: boolean;
  status: 1 | 2 | 3;
  /** Extra inputs the product asks for (SAT `fields`); absent or empty for none. */
  extraFields?: FieldSpec[];
};

export type BillInquiry = {
  customerName: string;
  customerNumber: string;
  baseAmount: number;
  adminFee: number;
  /** What the provider will charge for this bill (base + admin). */
  salesPrice: number;
  lines: DisplayLine[];
  meterId: string;
  /** The id the payment must carry (Digiflazz pays under the inquiry's ref_id); null when none. */
  inquiryRef: string | null;
};

/** A distributor's services besides purchasing (SAT, Digiflazz): the catalogue, the deposit, bill inquiries. */
export type DistributorServices = {
  listProducts(codes?: readonly string[]): Promise<ProviderResult<CatalogProduct[]>>;
  balance(): Promise<ProviderResult<number>>;
  inquireBill(request: { ref: string; productCode: string; customerNumber: string; fields?: FieldValue[] }): Promise<ProviderResult<BillInquiry>>;
};

// What services know about upstream providers. Wire formats stay in each provider's folder;
// here there are only outcomes, in the three classes the money path cares about.
import type { ErrorCode } from '../../shared/domain/errors';

/** A provider failure translated for the counter; `detail` keeps the raw code/message for the log. */
export type ProviderError = {
  code: ErrorCode;
  message: string;
  detail: string;
  providerCode: string | null;
};

export type PlnCustomer = {
  meterNumber: string;
  idpel: string;
  name: string;
  tariff: string;
  powerVa: number | null;
  tariffPower: string;
};

export type PlnInquiryResult = PlnCustomer & {
  inquiryRef: string;
  providerAdmin: number;
  unsoldTokens: number;
};

export type PlnTokenIssued = PlnCustomer & {
  token: string;
  kwh: string;
  payRef: string | null;
  adviceRef: string | null;
  vendorTime: string | null;
  chargedNominal: number | null;
  providerAdmin: number | null;
  taxes: { ppn: string; ppj: string; materai: string; angsuran: string };
  providerCode: string;
};

/**
 * The outcome of a purchase or an advice:
 * - success: goods delivered (a valid token in hand);
 * - failed: definitely not done, nothing taken; `confirm` asks for one advice first (VSI 0051);
 * - uncertain: may or may not have happened; never retried as a new purchase. `notFound` marks
 *   an advice answer saying the provider has no such transaction (yet).
 */
export type PurchaseOutcome =
  | { kind: 'success'; issued: PlnTokenIssued }
  | { kind: 'failed'; error: ProviderError; confirm: boolean }
  | { kind: 'uncertain'; error: ProviderError; notFound: boolean };

export type InquiryOutcome = { ok: true; value: PlnInquiryResult } | { ok: false; error: ProviderError };

export type PlnPurchaseRequest = {
  trxid: string;
  inquiryRef: string | null;
  customerNumber: string;
  denomination: number;
};

export type PlnAdviceRequest = {
  trxid: string;
  payRef: string | null;
  customerNumber: string;
  denomination: number;
  /** This advice confirms a failure the purchase reported (VSI 0051). */
  confirming: boolean;
};

export type PlnPrepaidProvider = {
  readonly name: 'vsi';
  inquire(request: { trxid: string; customerNumber: string }): Promise<InquiryOutcome>;
  purchase(request: PlnPurchaseRequest): Promise<PurchaseOutcome>;
  advise(request: PlnAdviceRequest): Promise<PurchaseOutcome>;
};

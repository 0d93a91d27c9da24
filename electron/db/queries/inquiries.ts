import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { InquiryRecord } from '../rows';
import { finishProviderCall, type CallFinish } from './provider-calls';

export function insertInquiry(db: Ledger, r: InquiryRecord): void {
  stmt(db,
    `INSERT INTO inquiries (id, env, provider, product_kind, product_code, created_at, expires_at, customer_number,
       meter_number, idpel, customer_name, tariff_power, face_value, provider_admin, provider_cost, unsold_tokens,
       inquiry_ref, lines_json, fields_json)
     VALUES (@id, @env, @provider, @product_kind, @product_code, @created_at, @expires_at, @customer_number,
       @meter_number, @idpel, @customer_name, @tariff_power, @face_value, @provider_admin, @provider_cost, @unsold_tokens,
       @inquiry_ref, @lines_json, @fields_json)`,
  ).run(r);
}

export function getInquiry(db: Ledger, id: string): InquiryRecord | null {
  const row = stmt(db, 'SELECT * FROM inquiries WHERE id = ?').get(id);
  return row === undefined ? null : InquiryRecord.parse(row);
}

/** The inquiry's answer and the end of its provider call, in one commit. */
export function recordInquiry(db: Ledger, callId: number, finish: CallFinish, r: InquiryRecord | null): void {
  db.transaction(() => {
    finishProviderCall(db, callId, finish);
    if (r) insertInquiry(db, r);
  })();
}

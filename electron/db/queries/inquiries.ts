import type { Ledger } from '../connection';
import { InquiryRecord } from '../rows';

export function insertInquiry(db: Ledger, r: InquiryRecord): void {
  db.prepare(
    `INSERT INTO inquiries (id, env, provider, created_at, expires_at, customer_number, meter_number, idpel,
       customer_name, tariff_power, provider_admin, unsold_tokens, inquiry_ref)
     VALUES (@id, @env, @provider, @created_at, @expires_at, @customer_number, @meter_number, @idpel,
       @customer_name, @tariff_power, @provider_admin, @unsold_tokens, @inquiry_ref)`,
  ).run(r);
}

export function getInquiry(db: Ledger, id: string): InquiryRecord | null {
  const row = db.prepare('SELECT * FROM inquiries WHERE id = ?').get(id);
  return row === undefined ? null : InquiryRecord.parse(row);
}

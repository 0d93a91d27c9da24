// Bulk loading of finished sales for the benchmark (a ledger of a million sales): one
// transaction, prepared statements, the same columns and constraints as real sales. A sale marked
// `booked` also gets its journal entries (received, and delivered when it succeeded), as the
// posting rules would write them, so the reports that read the journal are measured on real data.
import type { Ledger } from '../connection';
import { saleEntries } from '../posting';

export type SeedSale = {
  id: string;
  seq: number;
  businessDate: string;
  createdAt: number;
  state: 'succeeded' | 'failed' | 'pending';
  customerNumber: string;
  denomination: number;
  providerAdmin: number;
  token: string | null;
  /** Cash unless said; a non-cash sale carries its provider and a reference, as a real one does. */
  method?: 'cash' | 'qris' | 'card' | 'bitcoin';
  customerName?: string;
  /** Post the sale's journal entries too. */
  booked?: boolean;
};

const PROVIDER_OF = { cash: null, qris: 'midtrans', card: 'worldline', bitcoin: 'chainside' } as const;

export function seedSales(db: Ledger, sales: Iterable<SeedSale>): number {
  const sale = db.prepare(
    `INSERT INTO sales (id, seq, client_request_id, product_kind, product_code, provider_product, product_name, category,
       provider, env, state, business_date, created_at, updated_at, cashier, customer_number, meter_number, idpel,
       customer_name, tariff_power, face_value, provider_admin, provider_cost, margin, total, provider_ref, token, kwh,
       next_advice_at)
     VALUES (@id, @seq, @id, 'pln_prepaid', 'pln-token-' || @denomination, 'pln-token-' || @denomination,
       'Token PLN ' || @denomination, 'Listrik PLN', 'vsi', 'production', @state, @businessDate, @createdAt, @createdAt,
       'Kasir', @customerNumber, @customerNumber, '5' || @customerNumber, @customerName, 'R1/1300 VA', @denomination,
       @providerAdmin, @denomination + @providerAdmin, 0, @denomination + @providerAdmin, 'LKT-' || @id, @token,
       CASE WHEN @token IS NULL THEN NULL ELSE '70.1' END,
       CASE WHEN @state = 'pending' THEN @createdAt + 86400000 ELSE NULL END)`,
  );
  const payment = db.prepare(
    `INSERT INTO payments (id, sale_id, method, provider, provider_ref, amount, tendered, change, state, created_at, updated_at)
     VALUES (@id, @id, @method, @provider, CASE WHEN @provider IS NULL THEN NULL ELSE 'PAY-' || @id END,
       @denomination + @providerAdmin, @denomination + @providerAdmin, 0,
       CASE WHEN @state = 'failed' THEN 'refunded' ELSE 'settled' END, @createdAt, @createdAt)`,
  );
  const entry = db.prepare("INSERT INTO journal_entries (key, env, sale_id, at, memo, business_date) VALUES (?, 'production', ?, ?, ?, ?)");
  const line = db.prepare('INSERT INTO journal_lines (entry_id, account, amount) VALUES (?, ?, ?)');
  let n = 0;
  db.transaction(() => {
    for (const s of sales) {
      sale.run({ ...s, customerName: s.customerName ?? 'PELANGGAN' });
      const method = s.method ?? 'cash';
      payment.run({ ...s, method, provider: PROVIDER_OF[method] });
      if (s.booked && s.state !== 'pending') {
        const total = s.denomination + s.providerAdmin;
        const planned = saleEntries({
          id: s.id, state: s.state, provider: 'vsi', providerName: 'VSI', depositAccount: '1301', total, providerCost: total, margin: 0, method,
          paymentState: s.state === 'failed' ? 'refunded' : 'settled', paymentAmount: total, excess: 0, excessReturned: false,
          refunds: s.state === 'failed' ? [{ id: `R${s.id}`, amount: total, state: 'done' }] : [],
        });
        for (const e of planned) {
          const id = entry.run(e.key, s.id, s.createdAt, e.memo, s.businessDate).lastInsertRowid;
          for (const l of e.lines) line.run(id, l.account, l.amount);
        }
      }
      n++;
    }
  })();
  return n;
}

// Follows the counter's unfinished sales while a person is signed in at this screen:
// - after a reload, a payment this person left waiting (the QR, the VA number) comes back on its
//   sale screen instead of only in F3;
// - a sale that was unfinished and now is not (a pending token resolved, a late failure) shows a
//   notice (stores/notice-store.ts).
import { useEffect, useRef } from 'react';
import type { SaleRow } from '../../shared/contract';
import { call } from '../api/client';
import { useApp, type Screen } from '../stores/app-store';
import { useSale } from '../stores/sale-store';
import { useBill } from '../stores/bill-store';
import { useDigital } from '../stores/digital-store';
import { useNotice } from '../stores/notice-store';

const SCREEN: Record<SaleRow['productKind'], Screen> = { pln_prepaid: 'token', bill: 'bills', digital: 'digital' };
const STORE = { pln_prepaid: useSale, bill: useBill, digital: useDigital } as const;

async function openSales(): Promise<SaleRow[]> {
  const r = await call('ledger.today', { status: 'open', limit: 50 });
  return r.ok ? r.value.items : [];
}

export function useOpenSales(me: string | null): void {
  const known = useRef<Map<string, SaleRow> | null>(null);
  const resumed = useRef(false);

  useEffect(() => {
    if (!me) {
      known.current = null;
      return;
    }
    let stopped = false;
    const tick = async (): Promise<void> => {
      const open = await openSales();
      if (stopped) return;
      if (!resumed.current) {
        resumed.current = true;
        const waiting = open.find((s) => s.state === 'awaiting_payment');
        const store = waiting ? STORE[waiting.productKind] : null;
        if (waiting && store && !store.getState().sale) {
          const s = await call('sale.get', { saleId: waiting.id });
          if (s.ok && s.value.cashier === me && s.value.state === 'awaiting_payment') {
            store.getState().showSale(s.value);
            useApp.getState().setScreen(SCREEN[waiting.productKind]);
          }
        }
      }
      const before = known.current;
      known.current = new Map(open.map((s) => [s.id, s]));
      if (!before) return;
      for (const [id, row] of before) {
        if (known.current.has(id)) continue;
        const s = await call('sale.get', { saleId: id });
        if (!s.ok || (s.value.state !== 'succeeded' && s.value.state !== 'failed')) continue;
        // The sale on screen already shows its outcome; announce the ones finished elsewhere.
        if (STORE[row.productKind].getState().sale?.id === id) continue;
        useNotice.getState().show({ saleId: id, receiptNo: row.receiptNo, outcome: s.value.state, product: `${row.productName} · ${row.customerNumber}` });
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), 4_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [me]);
}

// Selling a digital product: product → destination number → payment → result. The price shown is
// the core's; the core refuses the sale if it changed in between.
import type { ProductView } from '../../shared/contract';
import { call } from '../api/client';
import { createSaleFlow } from './sale-flow';

export type DigitalStep = 'product' | 'number' | 'payment' | 'result';

type Data = { product: ProductView | null; number: string };
type Own = {
  choose(product: ProductView): void;
  setNumber(n: string): void;
  toPayment(): void;
};

export const useDigital = createSaleFlow<'product' | 'number', Data, Own>({
  first: 'product',
  data: { product: null, number: '' },
  back: { number: { to: 'product' }, payment: { to: 'number' } },
  total: (s) => s.product?.sellPrice ?? null,
  start: (s, clientRequestId, payment) =>
    call('sale.startDigital', { clientRequestId, productCode: s.product!.code, customerNumber: s.number, expectedTotal: s.product!.sellPrice!, payment }),
  actions: (set, get) => ({
    choose: (product) => set({ product, step: 'number', error: null }),
    setNumber: (number) => set({ number, error: null }),
    toPayment() {
      const digits = get().number.replace(/\D/g, '');
      if (digits.length < 4) {
        set({ error: { code: 'invalid_customer_number', message: 'Nomor tujuan hanya angka (4–24 digit).' } });
        return;
      }
      get().enterPayment();
    },
  }),
});

import { useSale } from '../../stores/sale-store';
import { NumberStep } from './NumberStep';
import { CustomerStep } from './CustomerStep';
import { PaymentStep } from './PaymentStep';
import { ResultStep } from './ResultStep';

export function TokenSaleScreen() {
  const step = useSale((s) => s.step);
  switch (step) {
    case 'number':
      return <NumberStep />;
    case 'customer':
      return <CustomerStep />;
    case 'payment':
      return <PaymentStep />;
    case 'result':
      return <ResultStep />;
  }
}

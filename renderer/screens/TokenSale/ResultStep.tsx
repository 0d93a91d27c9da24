import { useApp } from '../../stores/app-store';
import { useSale } from '../../stores/sale-store';
import { SaleResult } from '../../components/SaleResult';
import { flowResultProps } from '../flow-props';

export function ResultStep() {
  const s = useSale();
  const { t, locale, loadInfo, info } = useApp();
  return <SaleResult {...flowResultProps(s, t, locale, info, () => void loadInfo())} />;
}

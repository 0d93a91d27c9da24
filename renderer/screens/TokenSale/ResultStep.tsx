import { useApp } from '../../stores/app-store';
import { useSale } from '../../stores/sale-store';
import { SaleResult } from '../../components/SaleResult';

export function ResultStep() {
  const s = useSale();
  const { t, locale, loadInfo, info } = useApp();
  return (
    <SaleResult
      sale={s.sale!}
      receipt={s.receipt}
      printed={s.printed}
      busy={s.busy}
      error={s.error}
      t={t}
      locale={locale}
      actions={s}
      onNew={s.reset}
      onShown={() => void loadInfo()}
      merchant={info?.outlet.name ?? ''}
      providerNames={info?.providerNames ?? {}}
    />
  );
}

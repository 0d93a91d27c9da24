// Asks before a second purchase of the same product for the same customer (see stores/repeat-store).
import { useApp } from '../stores/app-store';
import { useRepeat } from '../stores/repeat-store';
import { ConfirmDialog } from './ConfirmDialog';

export function RepeatDialog() {
  const { t } = useApp();
  const { asking, answer } = useRepeat();
  if (!asking) return null;
  return <ConfirmDialog message={asking.message} confirmLabel={t('sale.repeatYes')} cancelLabel={t('common.cancel')} onConfirm={() => answer(true)} onCancel={() => answer(false)} />;
}

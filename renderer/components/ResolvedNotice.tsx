// The notice of a sale that finished while the cashier was elsewhere: F3 opens it with its struk.
import { useApp } from '../stores/app-store';
import { useNotice } from '../stores/notice-store';

export function ResolvedNotice({ onOpen }: { onOpen: () => void }) {
  const { t } = useApp();
  const { notice, dismiss } = useNotice();
  if (!notice) return null;
  const ok = notice.outcome === 'succeeded';
  return (
    <div className={`resolved-notice ${ok ? 'ok' : 'failed'}`} role="status" data-testid="resolved-notice">
      <strong>{t(ok ? 'notice.succeeded' : 'notice.failed', { receiptNo: notice.receiptNo })}</strong>
      <span>{notice.product}</span>
      <span className="actions">
        <button type="button" className="btn primary small" onClick={onOpen} data-testid="resolved-open">
          {t('notice.open')} <kbd className="kbd">F3</kbd>
        </button>
        <button type="button" className="btn ghost small" onClick={dismiss}>
          {t('common.close')}
        </button>
      </span>
    </div>
  );
}

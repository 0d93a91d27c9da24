// The supervisor's name and PIN, typed at the counter for what a cashier may not do alone.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApproval } from '../stores/approval-store';
import { useApp } from '../stores/app-store';

export function ApprovalDialog() {
  const { t } = useApp();
  const { asking, answer } = useApproval();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (asking) {
      setPin('');
      first.current?.focus();
    }
  }, [asking]);
  if (!asking) return null;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    answer({ name: name.trim(), pin });
  };
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" data-testid="approval-dialog">
      <form className="modal form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && answer(null)}>
        <h2>{t('approval.title')}</h2>
        <p>{asking.message}</p>
        <label>
          {t('shift.supervisor')}
          <input ref={first} value={name} onChange={(e) => setName(e.target.value)} data-testid="approval-dialog-name" />
        </label>
        <label>
          {t('counter.pin')}
          <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))} data-testid="approval-dialog-pin" />
        </label>
        <div className="actions">
          <button className="btn primary" type="submit" data-testid="approval-dialog-ok">
            {t('approval.ok')} <kbd className="kbd">Enter</kbd>
          </button>
          <button type="button" className="btn ghost" onClick={() => answer(null)}>
            {t('common.cancel')} <kbd className="kbd">Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

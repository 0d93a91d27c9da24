import { useEffect, useRef } from 'react';

type Props = {
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
};

/** A modal question. Focus starts on Cancel, so a stray Enter never confirms; Esc cancels. */
export function ConfirmDialog({ message, confirmLabel, cancelLabel, onConfirm, onCancel }: Props) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The latest onCancel without re-running the effect: a parent's re-render must not pull the
  // focus back to Cancel after the cashier moved it.
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    cancelRef.current?.focus();
    // Keyboard-modal: only Tab, Enter and Space reach the dialog's buttons; no screen shortcut
    // fires behind it.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Tab' || e.key === 'Enter' || e.key === ' ') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (e.key === 'Escape') cancel.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="alertdialog" aria-modal="true" aria-label={message}>
        <p>{message}</p>
        <div className="modal-actions">
          <button ref={cancelRef} type="button" className="btn secondary" onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="button" className="btn danger" onClick={onConfirm} data-testid="confirm-yes">
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

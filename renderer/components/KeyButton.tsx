import type { ReactNode } from 'react';
import { Kbd } from './Kbd';

type Props = {
  keyLabel?: string;
  children: ReactNode;
  onClick: () => void;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  disabled?: boolean;
  testId?: string;
  autoFocus?: boolean;
};

/** A button that shows the key that triggers it. */
export function KeyButton({ keyLabel, children, onClick, variant = 'secondary', disabled, testId, autoFocus }: Props) {
  return (
    <button type="button" className={`btn ${variant}`} onClick={onClick} disabled={disabled} data-testid={testId} autoFocus={autoFocus}>
      <span>{children}</span>
      {keyLabel ? <Kbd>{keyLabel}</Kbd> : null}
    </button>
  );
}

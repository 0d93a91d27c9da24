// A credential field: typed once, never shown back — the placeholder says whether one is kept
// (masked) and leaving it empty keeps it.
import type { Translate } from '../../i18n';

type Props = { t: Translate; label: string; value: string; onChange: (v: string) => void; isSet: boolean; masked: string; testId: string };

export function SecretField({ t, label, value, onChange, isSet, masked, testId }: Props) {
  return (
    <label>
      {label}
      <input
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={isSet ? t('settings.secretKeep', { mask: masked }) : t('settings.secretNone')}
        data-testid={testId}
      />
    </label>
  );
}

// A provider's production settings drawn from its descriptor (issue 14): its fields, its secrets
// (typed once, shown only as masks, kept when left empty), saved in one go by the core, which
// checks addresses and binds each secret to where it may be sent.
import { useState, type FormEvent } from 'react';
import type { ProviderSettingsView } from '../../../shared/contract';
import { useApp } from '../../stores/app-store';
import { useSettings } from '../../stores/settings-store';
import { SectionStatus } from './SectionStatus';
import { SecretField } from './SecretField';

export function ProviderSettingsCard({ provider }: { provider: ProviderSettingsView }) {
  const { t } = useApp();
  const { saveProvider } = useSettings();
  const [fields, setFields] = useState<Record<string, string>>(() => Object.fromEntries(provider.fields.map((f) => [f.name, f.value])));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const testId = (what: string): string => `provider-${provider.name}-${what}`;
  const choiceLabel = (c: string): string => (t(`settings.choice.${c}`) === `settings.choice.${c}` ? c : t(`settings.choice.${c}`));
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await saveProvider({ provider: provider.name, fields, secrets })) setSecrets({});
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid={testId('form')}>
      <h2>{t('settings.providerProduction', { provider: provider.displayName })}</h2>
      {provider.fields.map((f) => (
        <label key={f.name}>
          {f.label}
          {f.kind === 'choice' ? (
            <select value={fields[f.name] ?? ''} onChange={(e) => setFields({ ...fields, [f.name]: e.target.value })} data-testid={testId(f.name)}>
              {f.choices.map((c) => (
                <option key={c} value={c}>
                  {choiceLabel(c)}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={fields[f.name] ?? ''}
              onChange={(e) => setFields({ ...fields, [f.name]: e.target.value })}
              inputMode={f.kind === 'url' ? 'url' : 'text'}
              spellCheck={false}
              data-testid={testId(f.name)}
            />
          )}
        </label>
      ))}
      {provider.secrets.map((s) => (
        <SecretField
          key={s.field}
          t={t}
          label={s.label}
          value={secrets[s.field] ?? ''}
          onChange={(v) => setSecrets({ ...secrets, [s.field]: v })}
          isSet={s.masked !== ''}
          masked={s.masked}
          testId={testId(s.field)}
        />
      ))}
      <div className="actions">
        <button className="btn primary" type="submit" data-testid={testId('save')}>
          {t('settings.save')}
        </button>
        <SectionStatus sections={[`provider:${provider.name}`]} />
      </div>
    </form>
  );
}

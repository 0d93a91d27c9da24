// SAT credentials and keys (validated by the core, stored in the vault, shown as fingerprints),
// the PLN token routing, the low-balance warning and the optional callback listener.
import { useState, type FormEvent } from 'react';
import { useApp } from '../../stores/app-store';
import { useSettings } from '../../stores/settings-store';
import { SectionStatus } from './SectionStatus';
import { SecretField } from './SecretField';
import { RoutingFields } from './RoutingFields';
import { MoneyInput, groupDigits } from '../../components/MoneyInput';

const SAT_TOKEN_URL = 'https://accounts.tokopedia.com/token';
const SAT_PRESETS = [
  { label: 'sandbox', baseUrl: 'https://b2b-playground.tokopedia.com/api' },
  { label: 'production', baseUrl: 'https://b2b.tokopedia.com/api' },
] as const;

export function SatSettings() {
  const { t, loadInfo } = useApp();
  const { view, saveSat, setLowBalance, setCallback } = useSettings();
  const v = view!;
  const [form, setForm] = useState({ baseUrl: v.sat.baseUrl, tokenUrl: v.sat.tokenUrl, clientId: v.sat.clientId, downlineId: v.sat.downlineId });
  const [secret, setSecret] = useState('');
  const [privateKeyPem, setPrivateKeyPem] = useState('');
  const [satPublicKeyPem, setSatPublicKeyPem] = useState('');
  const [low, setLow] = useState(groupDigits(String(v.lowBalanceThreshold)));
  const [cb, setCb] = useState(v.callback);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const ok = await saveSat({
      ...form,
      ...(secret ? { clientSecret: secret } : {}),
      ...(privateKeyPem ? { privateKeyPem } : {}),
      ...(satPublicKeyPem ? { satPublicKeyPem } : {}),
    });
    if (ok) {
      setSecret('');
      setPrivateKeyPem('');
      setSatPublicKeyPem('');
    }
  };

  return (
    <>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <h2>{t('settings.sat')}</h2>
        <div className="actions">
          {/* SAT's published addresses (sat.md §1.1): the playground and production share one token endpoint. */}
          {SAT_PRESETS.map((p) => (
            <button key={p.label} type="button" className="btn small ghost" onClick={() => setForm({ ...form, baseUrl: p.baseUrl, tokenUrl: SAT_TOKEN_URL })} data-testid={`sat-preset-${p.label}`}>
              {t(`settings.satPreset.${p.label}`)}
            </button>
          ))}
        </div>
        <label>
          {t('settings.satBaseUrl')}
          <input value={form.baseUrl} onChange={(e) => setForm({ ...form, baseUrl: e.target.value })} autoComplete="off" data-testid="sat-url" />
        </label>
        <label>
          {t('settings.satTokenUrl')}
          <input value={form.tokenUrl} onChange={(e) => setForm({ ...form, tokenUrl: e.target.value })} autoComplete="off" data-testid="sat-token-url" />
        </label>
        <label>
          {t('settings.satClientId')}
          <input value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.target.value })} autoComplete="off" data-testid="sat-cid" />
        </label>
        <label>
          {t('settings.satDownline')}
          <input value={form.downlineId} onChange={(e) => setForm({ ...form, downlineId: e.target.value })} autoComplete="off" data-testid="sat-downline" />
        </label>
        <SecretField t={t} label={t('settings.satSecret')} value={secret} onChange={setSecret} isSet={v.sat.secretSet} masked={v.sat.secretMasked} testId="sat-secret" />
        <label>
          {t('settings.privateKey')}
          <textarea
            rows={3}
            value={privateKeyPem}
            onChange={(e) => setPrivateKeyPem(e.target.value)}
            spellCheck={false}
            placeholder={v.sat.privateKey ? t('settings.keySet', { fingerprint: v.sat.privateKey }) : t('settings.keyNone')}
            data-testid="sat-private-key"
          />
        </label>
        <label>
          {t('settings.satPublicKey')}
          <textarea
            rows={3}
            value={satPublicKeyPem}
            onChange={(e) => setSatPublicKeyPem(e.target.value)}
            spellCheck={false}
            placeholder={v.sat.satPublicKey ? t('settings.keySet', { fingerprint: v.sat.satPublicKey }) : t('settings.keyNone')}
            data-testid="sat-public-key"
          />
        </label>
        <div className="actions">
          <button className="btn primary" type="submit" data-testid="sat-save">
            {t('settings.save')}
          </button>
          <SectionStatus sections={['sat']} />
        </div>
      </form>
      <div className="card form">
        <h2>{t('settings.routing')}</h2>
        <RoutingFields />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void setLowBalance(Number(low.replace(/\D/g, '') || 0)).then(() => loadInfo());
          }}
        >
          <label>
            {t('settings.lowBalance')}
            <MoneyInput value={low} onChange={setLow} data-testid="low-balance" />
          </label>
        </form>
        <SectionStatus sections={['routing', 'deposit']} />
      </div>
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          void setCallback(cb);
        }}
      >
        <h2>{t('settings.callback')}</h2>
        <label className="radio">
          <input type="checkbox" checked={cb.enabled} onChange={(e) => setCb({ ...cb, enabled: e.target.checked })} />
          {t('settings.callbackEnabled')}
        </label>
        <label>
          {t('settings.callbackPort')}
          <input value={String(cb.port)} inputMode="numeric" onChange={(e) => setCb({ ...cb, port: Number(e.target.value.replace(/\D/g, '') || 0) })} />
        </label>
        <label>
          {t('settings.callbackPath')}
          <input value={cb.path} onChange={(e) => setCb({ ...cb, path: e.target.value })} />
        </label>
        <div className="actions">
          <button className="btn primary" type="submit">
            {t('settings.save')}
          </button>
          <SectionStatus sections={['callback']} />
        </div>
      </form>
    </>
  );
}

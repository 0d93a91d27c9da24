// The owner's payment accounts for production: Midtrans (QRIS, e-wallets, virtual accounts),
// Worldline (cards) and Chainside (bitcoin). Keys go to the vault and come back only masked.
// Training never uses them — except the confirmations a bitcoin order needs, which apply to both.
import { useState, type FormEvent } from 'react';
import { useApp } from '../../stores/app-store';
import { useSettings } from '../../stores/settings-store';
import { SectionStatus } from './SectionStatus';
import { SecretField } from './SecretField';

function MidtransForm() {
  const { t } = useApp();
  const { view, saveMidtrans } = useSettings();
  const m = view!.payments.midtrans;
  const [form, setForm] = useState({ environment: m.environment, baseUrl: m.baseUrl });
  const [serverKey, setServerKey] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await saveMidtrans({ ...form, ...(serverKey ? { serverKey } : {}) })) setServerKey('');
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)}>
      <h2>{t('settings.midtrans')}</h2>
      <label>
        {t('settings.midtransEnv')}
        <select value={form.environment} onChange={(e) => setForm({ ...form, environment: e.target.value === 'production' ? 'production' : 'sandbox' })} data-testid="midtrans-env">
          <option value="sandbox">Sandbox</option>
          <option value="production">Production</option>
        </select>
      </label>
      <SecretField t={t} label={t('settings.midtransServerKey')} value={serverKey} onChange={setServerKey} isSet={m.serverKeySet} masked={m.serverKeyMasked} testId="midtrans-server-key" />
      <label>
        {t('settings.midtransBaseUrl')}
        <input value={form.baseUrl} onChange={(e) => setForm({ ...form, baseUrl: e.target.value })} placeholder="https://api.sandbox.midtrans.com" autoComplete="off" />
      </label>
      <div className="actions">
        <button className="btn primary" type="submit" data-testid="midtrans-save">
          {t('settings.save')}
        </button>
        <SectionStatus sections={['midtrans']} />
      </div>
    </form>
  );
}

function WorldlineForm() {
  const { t } = useApp();
  const { view, saveWorldline } = useSettings();
  const w = view!.payments.worldline;
  const [form, setForm] = useState({ apiUrl: w.apiUrl, tokenUrl: w.tokenUrl, clientId: w.clientId, acquirerId: w.acquirerId, merchantId: w.merchantId, terminalId: w.terminalId });
  const [decimals, setDecimals] = useState<0 | 2>(w.amountDecimals);
  const [secret, setSecret] = useState('');
  const field = (key: keyof typeof form, label: string, placeholder = '') => (
    <label>
      {label}
      <input value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} autoComplete="off" data-testid={`worldline-${key}`} />
    </label>
  );
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await saveWorldline({ ...form, amountDecimals: decimals, ...(secret ? { clientSecret: secret } : {}) })) setSecret('');
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)}>
      <h2>{t('settings.worldline')}</h2>
      {field('apiUrl', t('settings.worldlineApiUrl'), 'https://api.preprod.acquiring.worldline-solutions.com')}
      {field('tokenUrl', t('settings.worldlineTokenUrl'))}
      {field('clientId', t('settings.satClientId'))}
      <SecretField t={t} label={t('settings.satSecret')} value={secret} onChange={setSecret} isSet={w.secretSet} masked={w.secretMasked} testId="worldline-secret" />
      {field('acquirerId', 'Acquirer ID')}
      {field('merchantId', 'Merchant ID')}
      {field('terminalId', 'Terminal ID')}
      <label>
        {t('settings.worldlineDecimals')}
        <select value={decimals} onChange={(e) => setDecimals(e.target.value === '0' ? 0 : 2)} data-testid="worldline-decimals">
          <option value={2}>{t('settings.worldlineDecimals2')}</option>
          <option value={0}>{t('settings.worldlineDecimals0')}</option>
        </select>
      </label>
      <div className="actions">
        <button className="btn primary" type="submit" data-testid="worldline-save">
          {t('settings.save')}
        </button>
        <SectionStatus sections={['worldline']} />
      </div>
    </form>
  );
}

function ChainsideForm() {
  const { t } = useApp();
  const { view, saveChainside } = useSettings();
  const c = view!.payments.chainside;
  const [form, setForm] = useState({ environment: c.environment, baseUrl: c.baseUrl, clientId: c.clientId, requiredConfirmations: c.requiredConfirmations });
  const [secret, setSecret] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await saveChainside({ ...form, ...(secret ? { secret } : {}) })) setSecret('');
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)}>
      <h2>{t('settings.chainside')}</h2>
      <label>
        {t('settings.chainsideConfirmations')}
        <select
          value={form.requiredConfirmations}
          onChange={(e) => setForm({ ...form, requiredConfirmations: Number(e.target.value) })}
          data-testid="chainside-confirmations"
        >
          {[0, 1, 2, 3, 4, 5, 6].map((n) => (
            <option key={n} value={n}>
              {t(n === 0 ? 'settings.confirmationsZero' : 'settings.confirmationsN', { n })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.chainsideEnv')}
        <select value={form.environment} onChange={(e) => setForm({ ...form, environment: e.target.value === 'live' ? 'live' : 'sandbox' })} data-testid="chainside-env">
          <option value="sandbox">Sandbox</option>
          <option value="live">Live</option>
        </select>
      </label>
      <label>
        {t('settings.satClientId')}
        <input value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.target.value })} autoComplete="off" data-testid="chainside-client-id" />
      </label>
      <SecretField t={t} label={t('settings.satSecret')} value={secret} onChange={setSecret} isSet={c.secretSet} masked={c.secretMasked} testId="chainside-secret" />
      <label>
        {t('settings.chainsideBaseUrl')}
        <input value={form.baseUrl} onChange={(e) => setForm({ ...form, baseUrl: e.target.value })} placeholder="https://api.sandbox.webpos.chainside.net" autoComplete="off" data-testid="chainside-base-url" />
      </label>
      <div className="actions">
        <button className="btn primary" type="submit" data-testid="chainside-save">
          {t('settings.save')}
        </button>
        <SectionStatus sections={['chainside']} />
      </div>
    </form>
  );
}

export function PaymentSettings() {
  return (
    <>
      <MidtransForm />
      <WorldlineForm />
      <ChainsideForm />
    </>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { Outlet } from '../../../shared/contract';
import { useApp } from '../../stores/app-store';
import { useSettings } from '../../stores/settings-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { SatSettings } from './SatSettings';
import { ProviderSettingsCard } from './ProviderSettingsCard';
import { ConnectionCard } from './ConnectionCard';
import { PaymentSettings } from './PaymentSettings';
import { AuditCard } from './AuditCard';
import { BackupCard } from './BackupCard';
import { HubCard } from './HubCard';
import { UsersCard } from './UsersCard';
import { PricingSettings } from './PricingSettings';
import { SectionStatus } from './SectionStatus';
import { PrinterCard } from './PrinterCard';
import { MoneyInput } from '../../components/MoneyInput';
import { formatAmount, parseRupiahInput } from '../../../shared/domain/money';

function OutletForm({ outlet }: { outlet: Outlet }) {
  const { t, loadInfo } = useApp();
  const { saveOutlet } = useSettings();
  const [form, setForm] = useState(outlet);
  useEffect(() => setForm(outlet), [outlet]);
  const field = (key: keyof Outlet) => ({
    value: String(form[key]),
    onChange: (e: { target: { value: string } }) =>
      setForm({ ...form, [key]: e.target.value }),
  });
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await saveOutlet(form)) await loadInfo();
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)}>
      <h2>{t('settings.outlet')}</h2>
      <label>
        {t('settings.outletName')}
        <input {...field('name')} maxLength={40} required data-testid="outlet-name" />
      </label>
      <label>
        {t('settings.outletAddress')}
        <input {...field('address')} maxLength={80} />
      </label>
      <label>
        {t('settings.cashierName')}
        <input {...field('cashierName')} maxLength={24} required />
      </label>
      <label>
        {t('settings.counterFee')}
        <MoneyInput value={form.counterFee === 0 ? '' : formatAmount(form.counterFee)} onChange={(text) => setForm({ ...form, counterFee: parseRupiahInput(text) ?? 0 })} data-testid="counter-fee" />
      </label>
      <label>
        {t('settings.timeZone')}
        <select value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value as Outlet['timeZone'] })}>
          <option value="Asia/Jakarta">WIB (Asia/Jakarta)</option>
          <option value="Asia/Makassar">WITA (Asia/Makassar)</option>
          <option value="Asia/Jayapura">WIT (Asia/Jayapura)</option>
        </select>
      </label>
      <div className="actions">
        <button className="btn primary" type="submit">
          {t('settings.save')}
        </button>
        <SectionStatus sections={['outlet']} />
      </div>
    </form>
  );
}

function ProviderForm() {
  const { t, loadInfo } = useApp();
  const { view, saveVsi, setMode } = useSettings();
  const vsi = view!.vsi;
  const [baseUrl, setBaseUrl] = useState(vsi.baseUrl);
  const [clientId, setClientId] = useState(vsi.clientId);
  const [secret, setSecret] = useState('');
  const [dtFormat, setDtFormat] = useState(vsi.dtFormat);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await saveVsi({ baseUrl, clientId, dtFormat, ...(secret ? { secret } : {}) })) setSecret('');
  };
  return (
    <>
      <div className="card form">
        <h2>{t('settings.mode')}</h2>
        {(['training', 'production'] as const).map((m) => (
          <label key={m} className="radio">
            <input
              type="radio"
              name="mode"
              checked={view!.mode === m}
              onChange={() => void setMode(m).then(() => loadInfo())}
              data-testid={`mode-${m}`}
            />
            {m === 'training' ? t('settings.modeTraining') : t('settings.modeProduction')}
          </label>
        ))}
        <SectionStatus sections={['mode']} />
      </div>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <h2>{t('settings.vsi')}</h2>
        <label>
          {t('settings.baseUrl')}
          <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://" autoComplete="off" data-testid="vsi-url" />
        </label>
        <label>
          {t('settings.clientId')}
          <input value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" data-testid="vsi-cid" />
        </label>
        <label>
          {t('settings.secret')}
          <input
            type="password"
            autoComplete="new-password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={vsi.secretSet ? t('settings.secretKeep', { mask: vsi.secretMasked }) : t('settings.secretNone')}
            data-testid="vsi-secret"
          />
        </label>
        <label>
          {t('settings.dtFormat')}
          <select value={dtFormat} onChange={(e) => setDtFormat(e.target.value as typeof dtFormat)}>
            <option value="YYYYMMDD">YYYYMMDD</option>
            <option value="YYYYMMDDHHmmss">YYYYMMDDHHmmss</option>
          </select>
        </label>
        <p className="muted">{t('settings.vault', { source: view!.vaultKeySource })}</p>
        <div className="actions">
          <button className="btn primary" type="submit" data-testid="vsi-save">
            {t('settings.save')}
          </button>
          <SectionStatus sections={['vsi']} />
        </div>
      </form>
    </>
  );
}

export function SettingsScreen() {
  const { t, locale, setLocale } = useApp();
  const settings = useSettings();
  useEffect(() => {
    void settings.load();
  }, []);
  if (!settings.view) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="settings">
      {settings.error && settings.failed === null ? (
        <ErrorBox message={errorText(t, locale, settings.error)} detail={settings.error.detail} detailLabel={t('common.detail')} />
      ) : null}
      <div className="settings-grid">
        <div>
          <OutletForm outlet={settings.view.outlet} />
          <PrinterCard />
          <PricingSettings />
          <UsersCard />
          <BackupCard />
          <HubCard />
          <AuditCard />
        </div>
        <div>
          <div className="card form">
            <h2>{t('settings.language')}</h2>
            <select value={locale} onChange={(e) => void setLocale(e.target.value === 'en' ? 'en' : 'id')} data-testid="locale">
              <option value="id">Bahasa Indonesia</option>
              <option value="en">English</option>
            </select>
          </div>
          <ProviderForm />
          <SatSettings />
          {settings.view.providerForms.map((p) => (
            <ProviderSettingsCard key={p.name} provider={p} />
          ))}
          <PaymentSettings />
          <ConnectionCard />
        </div>
      </div>
    </div>
  );
}

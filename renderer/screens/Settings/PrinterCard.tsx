// Pengaturan → Printer: where the struk goes (network, USB device, serial/Bluetooth port, the
// system printer, or the virtual printer that shows the paper), the paper, code page, cut, feed,
// logo and the cash drawer's kick. "Cetak tes" prints the test page on the printer as the form has
// it now — before saving — and says in words how it went.
import { useEffect, useState, type FormEvent } from 'react';
import type { Receipt } from '../../../shared/contract';
import type { AppError } from '../../../shared/domain/errors';
import { DEFAULT_PRINTER, type PrinterSettings, type PrintOutcome } from '../../../shared/printing';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { useSettings } from '../../stores/settings-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { ReceiptView } from '../../components/ReceiptView';
import { printInBrowser } from '../../print';
import { SectionStatus } from './SectionStatus';
import { logoFromFile } from './printer-logo';
import { PaperView } from '../../components/PaperView';

type Tested = { receipt: Receipt; outcome: PrintOutcome };

export function PrinterCard() {
  const { t, locale } = useApp();
  const { view, savePrinter } = useSettings();
  const saved = view?.printer ?? DEFAULT_PRINTER;
  const [form, setForm] = useState<PrinterSettings>(saved);
  useEffect(() => setForm(saved), [saved]);
  const [busy, setBusy] = useState(false);
  const [tested, setTested] = useState<Tested | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [logoError, setLogoError] = useState(false);
  const set = <K extends keyof PrinterSettings>(key: K, value: PrinterSettings[K]): void => setForm({ ...form, [key]: value });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await savePrinter(form);
  };
  const test = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setTested(null);
    const r = await call('printer.test', { printer: form });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (r.value.outcome.by === 'renderer') printInBrowser(r.value.receipt);
    setTested(r.value);
  };
  const pickLogo = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setLogoError(false);
    try {
      set('logo', await logoFromFile(file, form.paper));
    } catch {
      setLogoError(true);
    }
  };
  const job = tested?.outcome.job ?? null;
  const k = form.kind;
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="printer-card">
      <h2>{t('printer.title')}</h2>
      <label>
        {t('printer.kind')}
        <select value={k} onChange={(e) => set('kind', e.target.value as PrinterSettings['kind'])} data-testid="printer-kind">
          {(['virtual', 'network', 'device', 'serial', 'system'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`printer.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">{t(`printer.hint.${k}`)}</p>
      {k === 'network' ? (
        <div className="form-row">
          <label className="form-grow">
            {t('printer.host')}
            <input value={form.host} onChange={(e) => set('host', e.target.value.trim())} placeholder="192.168.1.50" autoComplete="off" data-testid="printer-host" />
          </label>
          <label>
            {t('printer.port')}
            <input type="number" min={1} max={65535} value={form.port} onChange={(e) => set('port', Number(e.target.value) || 9100)} data-testid="printer-port" />
          </label>
        </div>
      ) : null}
      {k === 'network' ? (
        <label className="radio">
          <input type="checkbox" checked={form.statusCheck} onChange={(e) => set('statusCheck', e.target.checked)} data-testid="printer-status-check" />
          {t('printer.statusCheck')}
        </label>
      ) : null}
      {k === 'device' || k === 'serial' ? (
        <label>
          {k === 'device' ? t('printer.devicePath') : t('printer.serialPath')}
          <input value={form.path} onChange={(e) => set('path', e.target.value.trim())} placeholder={k === 'device' ? '/dev/usb/lp0' : '/dev/rfcomm0 · COM3'} autoComplete="off" data-testid="printer-path" />
        </label>
      ) : null}
      {k === 'serial' ? (
        <label>
          {t('printer.baud')}
          <select value={form.baudRate} onChange={(e) => set('baudRate', Number(e.target.value))}>
            {[9600, 19200, 38400, 57600, 115200].map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {k !== 'system' ? (
        <>
          <div className="form-row">
            <label>
              {t('printer.paper')}
              <select value={form.paper} onChange={(e) => set('paper', e.target.value === '80' ? 80 : 58)} data-testid="printer-paper">
                <option value="58">58 mm (32 {t('printer.columns')})</option>
                <option value="80">80 mm (48 {t('printer.columns')})</option>
              </select>
            </label>
            <label>
              {t('printer.codepage')}
              <select value={form.codepage} onChange={(e) => set('codepage', e.target.value as PrinterSettings['codepage'])}>
                <option value="cp437">CP437 (bawaan)</option>
                <option value="cp850">CP850</option>
                <option value="cp858">CP858 (€)</option>
                <option value="cp1252">Windows-1252</option>
                <option value="auto">{t('printer.codepageAuto')}</option>
              </select>
            </label>
          </div>
          <div className="form-row">
            <label>
              {t('printer.cut')}
              <select value={form.cut} onChange={(e) => set('cut', e.target.value as PrinterSettings['cut'])} data-testid="printer-cut">
                <option value="partial">{t('printer.cuts.partial')}</option>
                <option value="full">{t('printer.cuts.full')}</option>
                <option value="none">{t('printer.cuts.none')}</option>
              </select>
            </label>
            <label>
              {t('printer.feed')}
              <input type="number" min={0} max={10} value={form.feedLines} onChange={(e) => set('feedLines', Math.min(10, Math.max(0, Number(e.target.value) || 0)))} />
            </label>
            <label>
              {t('printer.drawer')}
              <select value={form.drawerKick} onChange={(e) => set('drawerKick', e.target.value as PrinterSettings['drawerKick'])} data-testid="printer-drawer">
                <option value="off">{t('printer.drawers.off')}</option>
                <option value="pin2">{t('printer.drawers.pin2')}</option>
                <option value="pin5">{t('printer.drawers.pin5')}</option>
              </select>
            </label>
          </div>
          <label>
            {t('printer.logo')}
            <input type="file" accept="image/png,image/jpeg,image/gif,image/bmp,image/webp" onChange={(e) => void pickLogo(e.target.files?.[0])} data-testid="printer-logo" />
          </label>
          {logoError ? <p className="warning" role="alert">{t('printer.logoUnreadable')}</p> : null}
          {form.logo ? (
            <div className="logo-preview">
              <PaperView paper={{ columns: form.paper === 80 ? 48 : 32, bytes: 0, items: [{ t: 'image', ...form.logo }] }} />
              <button type="button" className="btn" onClick={() => set('logo', null)} data-testid="printer-logo-remove">
                {t('printer.logoRemove')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      <div className="actions">
        <button className="btn primary" type="submit" data-testid="printer-save">
          {t('settings.save')}
        </button>
        <button type="button" className="btn" onClick={() => void test()} disabled={busy} data-testid="printer-test">
          {busy ? t('printer.testing') : t('printer.test')}
        </button>
        <SectionStatus sections={['printer']} />
      </div>
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
      {job && job.state === 'failed' ? (
        <div className="refund big" role="alert" data-testid="printer-test-failed">
          {t('printer.testFailed', { reason: job.reason ?? '' })}
        </div>
      ) : null}
      {job && job.state === 'sent' ? (
        <div className="refund done" role="status" data-testid="printer-test-ok">
          {t(job.target === 'virtual' ? 'printer.testVirtual' : 'printer.testOk', { target: job.target })}
        </div>
      ) : null}
      {tested && tested.outcome.by === 'renderer' ? <p className="muted">{t('printer.testSystem')}</p> : null}
      {tested?.receipt.paper ? <ReceiptView receipt={tested.receipt} /> : null}
    </form>
  );
}

// Loket Pusat → price rules (issue 18): set once, for every outlet or one; each counter takes them
// on its next contact (the outlet's own over the all-outlets one) and still refuses a price below cost.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { HubPriceRules, type HubPriceRule } from '../../shared/hub-contract';
import type { AppError } from '../../shared/domain/errors';
import { formatRupiah } from '../../shared/domain/money';
import type { Translate } from '../i18n';
import { pusatCall } from './api';

type Rule = z.infer<typeof HubPriceRules>['rules'][number];

export function RulesCard({ t, outlets, editing, onClose }: { t: Translate; outlets: string[]; editing: boolean; onClose: () => void }) {
  const [rules, setRules] = useState<Rule[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [form, setForm] = useState<Omit<HubPriceRule, 'amount'> & { amount: string }>({ outlet: null, scope: 'category', key: '', mode: 'markup', amount: '' });
  const keyInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void pusatCall('GET', '/api/v1/rules', HubPriceRules).then((r) => r.ok && setRules(r.value.rules));
  }, []);
  useEffect(() => {
    if (editing) keyInput.current?.focus();
  }, [editing]);
  const done = (r: Awaited<ReturnType<typeof pusatCall<typeof HubPriceRules>>>): void => {
    if (!r.ok) return setError(r.error);
    setError(null);
    setRules(r.value.rules);
  };
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const amount = Number(form.amount.replace(/\D/g, ''));
    done(await pusatCall('POST', '/api/v1/rules', HubPriceRules, { ...form, amount }));
    setForm({ ...form, key: '', amount: '' });
    onClose();
  };
  const remove = async (r: Rule): Promise<void> => done(await pusatCall('POST', '/api/v1/rules/remove', HubPriceRules, { outlet: r.outlet, scope: r.scope, key: r.key }));
  return (
    <section className="card" data-testid="pusat-rules">
      <h2>{t('pusat.rules')}</h2>
      <p className="muted small">{t('pusat.rulesExplain')}</p>
      {rules.length === 0 ? (
        <p className="muted">{t('pusat.noRules')}</p>
      ) : (
        <table className="tx-table">
          <tbody>
            {rules.map((r) => (
              <tr key={`${r.outlet ?? ''}/${r.scope}/${r.key}`} data-testid="pusat-rule-row">
                <td>{r.outlet ?? t('pusat.allOutlets')}</td>
                <td>
                  {t(`pusat.scope.${r.scope}`)}: <strong>{r.key}</strong>
                </td>
                <td>{r.mode === 'markup' ? t('pusat.markupOf', { amount: formatRupiah(r.amount) }) : t('pusat.fixedAt', { amount: formatRupiah(r.amount) })}</td>
                <td className="num">
                  <button type="button" className="btn small ghost" onClick={() => void remove(r)} data-testid="pusat-rule-remove">
                    {t('pusat.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <form className="form" onSubmit={(e) => void save(e)} data-testid="pusat-rule-form">
          <label>
            {t('pusat.forOutlet')}
            <select value={form.outlet ?? ''} onChange={(e) => setForm({ ...form, outlet: e.target.value === '' ? null : e.target.value })} data-testid="pusat-rule-outlet">
              <option value="">{t('pusat.allOutlets')}</option>
              {outlets.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('pusat.scopeLabel')}
            <select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value === 'product' ? 'product' : 'category' })} data-testid="pusat-rule-scope">
              <option value="category">{t('pusat.scope.category')}</option>
              <option value="product">{t('pusat.scope.product')}</option>
            </select>
          </label>
          <label>
            {form.scope === 'category' ? t('pusat.categoryName') : t('pusat.productCode')}
            <input ref={keyInput} value={form.key} onChange={(e) => setForm({ ...form, key: e.target.value })} maxLength={80} data-testid="pusat-rule-key" />
          </label>
          <label>
            {t('pusat.modeLabel')}
            <select value={form.mode} onChange={(e) => setForm({ ...form, mode: e.target.value === 'fixed' ? 'fixed' : 'markup' })} data-testid="pusat-rule-mode">
              <option value="markup">{t('pusat.mode.markup')}</option>
              <option value="fixed">{t('pusat.mode.fixed')}</option>
            </select>
          </label>
          <label>
            {t('pusat.amount')}
            <input value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} inputMode="numeric" data-testid="pusat-rule-amount" />
          </label>
          <div className="actions">
            <button type="submit" className="btn primary" disabled={!form.key.trim() || !form.amount.trim()} data-testid="pusat-rule-save">
              {t('pusat.saveRule')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <div className="error-box" role="alert">
          {error.message}
        </div>
      ) : null}
    </section>
  );
}

// The owner's accounts: cashiers and supervisors with their PIN, deactivation, the idle lock; an
// account locked after wrong PINs is unlocked here (the owner any, a supervisor a cashier's) and the
// owner sets a new PIN for a forgotten one.
import { useEffect, useState, type FormEvent } from 'react';
import { formatLocalDateTime } from '../../../shared/domain/time';
import type { AppError } from '../../../shared/domain/errors';
import type { Res, Role } from '../../../shared/contract';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';

export function UsersCard() {
  const { t, locale, info, loadInfo } = useApp();
  const [users, setUsers] = useState<Res<'counter.users'>['users']>([]);
  const [form, setForm] = useState<{ name: string; role: Role; pin: string }>({ name: '', role: 'cashier', pin: '' });
  const [idle, setIdle] = useState(String(info?.counter.idleLockMinutes ?? 5));
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pinFor, setPinFor] = useState<{ name: string; pin: string } | null>(null);
  useEffect(() => {
    void call('counter.users', {}).then((r) => r.ok && setUsers(r.value.users));
  }, []);
  const role = info?.counter.user?.role;
  if (role !== 'owner' && role !== 'supervisor') return null;
  const owner = role === 'owner';
  const done = (r: Awaited<ReturnType<typeof call<'counter.unlockUser'>>>, text: string): void => {
    if (!r.ok) {
      setError(r.error);
      setNotice(null);
      return;
    }
    setError(null);
    setNotice(text);
    setUsers(r.value.users);
  };
  const unlock = async (name: string): Promise<void> => done(await call('counter.unlockUser', { name }), t('counter.unlocked', { name }));
  const resetPin = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!pinFor) return;
    const r = await call('counter.resetPin', pinFor);
    done(r, t('counter.pinReset', { name: pinFor.name }));
    if (r.ok) setPinFor(null);
  };
  const timeZone = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const r = await call('counter.createUser', { ...form, name: form.name.trim() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setUsers(r.value.users);
    setForm({ name: '', role: 'cashier', pin: '' });
  };
  const toggle = async (name: string, active: boolean): Promise<void> => {
    const r = await call('counter.setActive', { name, active });
    if (r.ok) setUsers(r.value.users);
    else setError(r.error);
  };
  return (
    <div className="card form" data-testid="users-card">
      <h2>{t('counter.usersTitle')}</h2>
      <table className="tx-table users-table">
        <tbody>
          {users.map((u) => (
            <tr key={u.name} data-testid={`user-${u.name}`}>
              <td>{u.name}</td>
              <td>{t(`counter.role.${u.role}`)}</td>
              <td>{u.lockedUntil !== null ? <span className="badge state-review">{t('counter.lockedUntil', { time: formatLocalDateTime(u.lockedUntil, timeZone).slice(11, 16) })}</span> : null}</td>
              <td>
                <div className="user-actions">
                {u.lockedUntil !== null && (owner || u.role === 'cashier') ? (
                  <button type="button" className="btn small" onClick={() => void unlock(u.name)} data-testid={`unlock-${u.name}`}>
                    {t('counter.unlock')}
                  </button>
                ) : null}
                {owner ? (
                  <button type="button" className="btn ghost small" onClick={() => setPinFor({ name: u.name, pin: '' })} data-testid={`reset-pin-${u.name}`}>
                    {t('counter.resetPin')}
                  </button>
                ) : null}
                {owner && u.role !== 'owner' ? (
                  <button type="button" className="btn ghost small" onClick={() => void toggle(u.name, !u.active)}>
                    {u.active ? t('counter.deactivate') : t('counter.activate')}
                  </button>
                ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pinFor ? (
        <form onSubmit={(e) => void resetPin(e)} className="form inline-form" data-testid="reset-pin-form">
          <label>
            {t('counter.newPin', { name: pinFor.name })}
            <input
              type="password"
              inputMode="numeric"
              autoFocus
              value={pinFor.pin}
              onChange={(e) => setPinFor({ ...pinFor, pin: e.target.value.replace(/\D/g, '').slice(0, 8) })}
              onKeyDown={(e) => e.key === 'Escape' && setPinFor(null)}
              data-testid="reset-pin-value"
            />
          </label>
          <div className="actions">
            <button className="btn primary" type="submit" data-testid="reset-pin-save">
              {t('counter.resetPinDo')}
            </button>
            <button className="btn ghost" type="button" onClick={() => setPinFor(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {notice ? (
        <p className="muted" role="status" data-testid="users-notice">
          {notice}
        </p>
      ) : null}
      {owner ? (
      <form onSubmit={(e) => void create(e)} className="form">
        <label>
          {t('counter.name')}
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="new-user-name" />
        </label>
        <label>
          {t('counter.roleLabel')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value === 'supervisor' ? 'supervisor' : 'cashier' })} data-testid="new-user-role">
            <option value="cashier">{t('counter.role.cashier')}</option>
            <option value="supervisor">{t('counter.role.supervisor')}</option>
          </select>
        </label>
        <label>
          {t('counter.pin')}
          <input type="password" inputMode="numeric" value={form.pin} onChange={(e) => setForm({ ...form, pin: e.target.value.replace(/\D/g, '').slice(0, 8) })} data-testid="new-user-pin" />
        </label>
        <div className="actions">
          <button className="btn primary" type="submit" data-testid="new-user-save">
            {t('counter.addUser')}
          </button>
        </div>
      </form>
      ) : null}
      {owner ? (
      <label>
        {t('counter.idleLock')}
        <input
          inputMode="numeric"
          value={idle}
          onChange={(e) => setIdle(e.target.value.replace(/\D/g, ''))}
          onBlur={() => void call('counter.setIdleLock', { minutes: Math.min(120, Math.max(1, Number(idle) || 5)) }).then(() => loadInfo())}
          data-testid="idle-minutes"
        />
      </label>
      ) : null}
      {owner ? (
        <label className="check">
          <input
            type="checkbox"
            checked={info?.counter.blindCount ?? true}
            onChange={(e) => void call('counter.setBlindCount', { on: e.target.checked }).then(() => loadInfo())}
            data-testid="blind-count"
          />
          {t('counter.blindCount')}
        </label>
      ) : null}
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </div>
  );
}

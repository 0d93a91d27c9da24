// The owner's accounts: cashiers and supervisors with their PIN, deactivation, and the idle lock.
import { useEffect, useState, type FormEvent } from 'react';
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
  useEffect(() => {
    void call('counter.users', {}).then((r) => r.ok && setUsers(r.value.users));
  }, []);
  if (info?.counter.user?.role !== 'owner') return null;
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
      <table className="tx-table">
        <tbody>
          {users.map((u) => (
            <tr key={u.name} data-testid={`user-${u.name}`}>
              <td>{u.name}</td>
              <td>{t(`counter.role.${u.role}`)}</td>
              <td>
                {u.role === 'owner' ? null : (
                  <button type="button" className="btn ghost" onClick={() => void toggle(u.name, !u.active)}>
                    {u.active ? t('counter.deactivate') : t('counter.activate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </div>
  );
}

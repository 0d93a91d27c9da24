// "Tes koneksi" per provider (issue 15 §6): one harmless call each, the answer in words.
import { useState } from 'react';
import { call } from '../../api/client';
import { providerLabel, useApp } from '../../stores/app-store';

export function ConnectionCard() {
  const { t, info } = useApp();
  const [results, setResults] = useState<Record<string, { reachable: boolean; message: string } | 'busy'>>({});
  const providers = [...(info?.purchaseProviders ?? []), ...Object.keys(info?.providerNames ?? {}).filter((p) => !(info?.purchaseProviders ?? []).includes(p))];
  const test = async (provider: string): Promise<void> => {
    setResults((r) => ({ ...r, [provider]: 'busy' }));
    const r = await call('provider.test', { provider });
    setResults((prev) => ({ ...prev, [provider]: r.ok ? r.value : { reachable: false, message: r.error.message } }));
  };
  return (
    <div className="card" data-testid="connection-card">
      <h2>{t('settings.connection')}</h2>
      <p className="hint">{t('settings.connectionHint')}</p>
      <table className="tx-table">
        <tbody>
          {providers.map((p) => {
            const r = results[p];
            return (
              <tr key={p} data-testid={`connection-${p}`}>
                <td>{providerLabel(info, p)}</td>
                <td>
                  <button type="button" className="btn small" onClick={() => void test(p)} disabled={r === 'busy'} data-testid={`connection-test-${p}`}>
                    {t('settings.connectionTest')}
                  </button>
                </td>
                <td className={r && r !== 'busy' ? (r.reachable ? 'ok-text' : 'failed-text') : 'muted'} data-testid={`connection-result-${p}`}>
                  {r === 'busy' ? '…' : (r?.message ?? '')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// Loket Pusat → what the hub noticed about counters' histories (issue 18): a row changed on a
// counter PC after it was sent, or an audit chain that does not link — each named, in red, at the
// top of the owner's screen. Shown only when there is something to say.
import type { HubFlags } from '../../shared/hub-contract';
import { formatLocalDateTime } from '../../shared/domain/time';
import type { Translate } from '../i18n';

const ZONE = 'Asia/Jakarta';

function what(t: Translate, f: HubFlags['flags'][number]): string {
  const params = { key: f.key, label: f.label ?? f.key };
  if (f.problem !== 'changed_after_replication') return t(`pusat.flag.${f.problem}`, params);
  return t(`pusat.flag.changed_after_replication.${f.stream === 'sales' || f.stream === 'journal' ? f.stream : 'other'}`, params);
}

export function FlagsCard({ t, flags }: { t: Translate; flags: HubFlags['flags'] }) {
  if (flags.length === 0) return null;
  return (
    <section className="card" data-testid="pusat-flags" role="alert">
      <h2 className="failed-text">{t('pusat.flags', { n: flags.length })}</h2>
      <p className="muted small">{t('pusat.flagsExplain')}</p>
      <table className="tx-table">
        <tbody>
          {flags.map((f) => (
            <tr key={`${f.outlet}/${f.counter}/${f.stream}/${f.key}/${f.problem}`} data-testid="pusat-flag-row">
              <td className="small">{formatLocalDateTime(f.at, ZONE).slice(0, 16)}</td>
              <td>
                {f.outlet} · {f.counter}
              </td>
              <td className="failed-text">{what(t, f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// An account's statement: only the lines in view are in the page (a drawer's year is tens of
// thousands of lines), and older lines load as the end scrolls into view.
import { useEffect } from 'react';
import type { Res } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { useRowWindow } from '../../hooks/use-row-window';

const ROW_HEIGHT = 34;
type Line = Res<'books.statement'>['lines'][number];

export function StatementTable({ lines, timeZone, hasOlder, onNearEnd }: { lines: Line[]; timeZone: string; hasOlder: boolean; onNearEnd(): void }) {
  const win = useRowWindow(lines.length, ROW_HEIGHT, -1);
  const nearEnd = hasOlder && win.end >= lines.length - 5;
  useEffect(() => {
    if (nearEnd) onNearEnd();
  }, [nearEnd, lines.length]);
  return (
    <div className="tx-scroll statement-scroll" ref={win.box}>
      <table className="tx-table statement-table" aria-rowcount={lines.length} data-testid="statement-table">
        <colgroup>
          <col className="c-when" />
          <col />
          <col className="c-num" />
        </colgroup>
        <tbody>
          {win.padTop > 0 ? <tr className="pad" style={{ height: win.padTop }} aria-hidden /> : null}
          {lines.slice(win.start, win.end).map((l) => (
            <tr key={`${l.entryId}-${l.amount}`}>
              <td className="small">{formatLocalDateTime(l.at, timeZone)}</td>
              <td className="clip">{l.memo}</td>
              <td className="num">{formatRupiah(l.amount)}</td>
            </tr>
          ))}
          {win.padBottom > 0 ? <tr className="pad" style={{ height: win.padBottom }} aria-hidden /> : null}
        </tbody>
      </table>
    </div>
  );
}

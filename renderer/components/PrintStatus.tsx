// One line that says where the last print went, so the cashier knows the paper is out
// (or, in training, that the virtual printer's paper is the one shown beside).
import type { PrintJobView } from '../../shared/printing';
import type { Translate } from '../i18n';

type Props = { printed: PrintJobView | null; t: Translate };

export function PrintStatus({ printed, t }: Props) {
  if (!printed || printed.state !== 'sent') return null;
  return (
    <p className="muted" role="status" data-testid="print-status">
      {t(printed.target === 'virtual' ? 'print.virtualDone' : 'print.done', { target: printed.target })}
    </p>
  );
}

import type { Receipt } from '../../shared/contract';
import { PaperView } from './PaperView';

/**
 * The laid-out receipt exactly as it prints: same lines, same columns — or, from the virtual
 * printer (training, or no printer), the paper itself decoded from the bytes.
 */
export function ReceiptView({ receipt }: { receipt: Receipt }) {
  if (receipt.paper) {
    return (
      <div data-testid="receipt" aria-label="struk">
        <PaperView paper={receipt.paper} />
      </div>
    );
  }
  return (
    <div className={`receipt-paper cols-${receipt.columns}`} data-testid="receipt" aria-label="struk">
      {receipt.lines.map((line, i) => (
        <div key={i} className={`rl ${line.style} ${line.align}`}>
          {line.text || '\u00a0'}
        </div>
      ))}
    </div>
  );
}

import type { Receipt } from '../../shared/contract';

/** The laid-out receipt exactly as it prints: same lines, same columns. */
export function ReceiptView({ receipt }: { receipt: Receipt }) {
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

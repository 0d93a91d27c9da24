// A QR code drawn as SVG rectangles from the payload the payment provider returned (QRIS string, or
// an e-wallet deeplink), exactly as given. No image is fetched: the renderer never talks to a provider.
import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

export function QrCode({ text, size = 260, label, testId = 'payment-qr' }: { text: string; size?: number; label: string; testId?: string }) {
  const cells = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    const dark: Array<[number, number]> = [];
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) dark.push([r, c]);
    return { n, dark };
  }, [text]);
  const quiet = 4;
  const view = cells.n + quiet * 2;
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-payload={text}
      width={size}
      height={size}
      viewBox={`0 0 ${view} ${view}`}
      shapeRendering="crispEdges"
    >
      <rect width={view} height={view} fill="#fff" />
      <path d={cells.dark.map(([r, c]) => `M${c + quiet} ${r + quiet}h1v1h-1z`).join('')} fill="#000" />
    </svg>
  );
}

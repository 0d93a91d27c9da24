// The virtual printer's paper: what a thermal printer prints from the very ESC/POS bytes Loket
// sent (decoded in the core) — double-height lines, the QR, the logo, the cut and the drawer kick.
// Training shows this instead of the layout, so a trainee sees exactly what the paper will look like.
import { useEffect, useRef } from 'react';
import type { Paper, PaperItem } from '../../shared/printing';
import { QrCode } from './payment/QrCode';

function Bitmap({ width, height, bits }: { width: number; height: number; bits: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const raw = Uint8Array.from(atob(bits), (c) => c.charCodeAt(0));
    const img = ctx.createImageData(width, height);
    const row = Math.ceil(width / 8);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const on = ((raw[y * row + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        const i = (y * width + x) * 4;
        img.data[i] = img.data[i + 1] = img.data[i + 2] = on ? 0 : 255;
        img.data[i + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [width, height, bits]);
  return <canvas ref={ref} width={width} height={height} className="paper-image" />;
}

function Item({ it }: { it: PaperItem }) {
  switch (it.t) {
    case 'line':
      return (
        <div className={`pl ${it.align}`}>
          {it.runs.length === 0
            ? '\u00a0'
            : it.runs.map((r, i) => (
                <span key={i} className={`pr${r.bold ? ' bold' : ''}${r.underline ? ' underline' : ''}${r.height > 1 ? ' tall' : ''}${r.width > 1 ? ' wide' : ''}`}>
                  {r.text}
                </span>
              ))}
        </div>
      );
    case 'qr':
      return (
        <div className="pl center paper-qr" data-testid="paper-qr" data-payload={it.data}>
          <QrCode text={it.data} size={it.size * 25} label="QR" testId="paper-qr-code" />
        </div>
      );
    case 'barcode':
      return (
        <div className="pl center paper-barcode" data-testid="paper-barcode">
          <span className="bars" aria-hidden="true" />
          <div>{it.data}</div>
        </div>
      );
    case 'image':
      return (
        <div className="pl center">
          <Bitmap width={it.width} height={it.height} bits={it.bits} />
        </div>
      );
    case 'feed':
      return <div className="paper-feed" style={{ height: `${it.lines * 1.2}em` }} />;
    case 'cut':
      return (
        <div className="paper-cut" data-testid="paper-cut">
          ✂ {it.partial ? 'potong sebagian' : 'potong'}
        </div>
      );
    case 'kick':
      return (
        <div className="paper-kick" data-testid="paper-kick">
          laci uang dibuka (pin {it.pin})
        </div>
      );
  }
}

export function PaperView({ paper }: { paper: Paper }) {
  return (
    <div className={`receipt-paper virtual-paper cols-${paper.columns}`} data-testid="paper" aria-label="kertas printer">
      {paper.items.map((it, i) => (
        <Item key={i} it={it} />
      ))}
    </div>
  );
}

// The virtual printer's paper as a standalone, script-free HTML page: what `npm run printer --
// decode` writes (and screenshots to PNG). The same picture training shows on screen: text with
// its styles, double height, the QR, the logo, the barcode, the cut and the drawer kick.
import qrcode from 'qrcode-generator';
import type { Paper, PaperItem } from '../../shared/printing';
import { bitmapPng } from './bitmap-png';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function qrSvg(data: string, size: number): string {
  const qr = qrcode(0, 'M');
  qr.addData(data);
  qr.make();
  const n = qr.getModuleCount();
  const view = n + 8;
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + 4} ${r + 4}h1v1h-1z`;
  return `<svg width="${size}" height="${size}" viewBox="0 0 ${view} ${view}" shape-rendering="crispEdges"><rect width="${view}" height="${view}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

function item(it: PaperItem): string {
  switch (it.t) {
    case 'line': {
      const runs = it.runs.map((r) => `<span class="${[r.bold ? 'b' : '', r.underline ? 'u' : '', r.height > 1 ? 'tall' : '', r.width > 1 ? 'wide' : ''].join(' ').trim()}">${esc(r.text)}</span>`).join('');
      return `<div class="l ${it.align}">${runs || '&nbsp;'}</div>`;
    }
    case 'qr':
      return `<div class="l center">${qrSvg(it.data, it.size * 25)}</div>`;
    case 'barcode':
      return `<div class="l center"><span class="bars"></span><div>${esc(it.data)}</div></div>`;
    case 'image':
      return `<div class="l center"><img alt="" width="${it.width}" height="${it.height}" src="data:image/png;base64,${bitmapPng(it.width, it.height, Buffer.from(it.bits, 'base64')).toString('base64')}"></div>`;
    case 'feed':
      return `<div style="height:${it.lines * 1.25}em"></div>`;
    case 'cut':
      return `<div class="cut">&#9986; ${it.partial ? 'potong sebagian' : 'potong'}</div>`;
    case 'kick':
      return `<div class="kick">laci uang dibuka (pin ${it.pin})</div>`;
  }
}

export function paperHtml(paper: Paper, title: string): string {
  const widthPx = paper.columns > 32 ? 576 : 384;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>
html, body { margin: 0; background: #eee; }
.p { width: ${widthPx}px; margin: 0; padding: 12px; background: #fffef8; color: #000; font-family: "DejaVu Sans Mono", Consolas, monospace; line-height: 1.25; font-size: ${(widthPx / paper.columns / 0.6).toFixed(2)}px; }
.l { white-space: pre; min-height: 1.25em; }
.center { text-align: center; }
.b { font-weight: 700; }
.u { text-decoration: underline; }
.tall { display: inline-block; transform: scaleY(2); transform-origin: top; margin-bottom: 1.25em; }
.wide { display: inline-block; transform: scaleX(2); transform-origin: left; }
img { image-rendering: pixelated; }
.bars { display: inline-block; width: 70%; height: 48px; background: repeating-linear-gradient(90deg, #000 0 2px, #fff 2px 3px, #000 3px 4px, #fff 4px 7px); }
.cut { border-top: 2px dashed #999; color: #777; font-size: 0.7em; text-align: center; margin-top: 0.4em; }
.kick { color: #1a7f37; font-size: 0.7em; text-align: center; }
</style>
</head>
<body><div class="p" id="paper">
${paper.items.map(item).join('\n')}
</div></body>
</html>
`;
}

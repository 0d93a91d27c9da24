// A standalone, script-free HTML page of a laid-out receipt: what the Electron print window
// loads, and what "Simpan" saves. @page makes the browser/driver use roll-paper width.
import type { Receipt } from '../../shared/contract';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function receiptHtml(receipt: Receipt, title: string): string {
  const paperMm = receipt.columns > 32 ? 80 : 58;
  const rows = receipt.lines
    .map((l) => `<div class="l ${l.style} ${l.align}">${esc(l.text) || '&nbsp;'}</div>`)
    .join('\n');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>
@page { size: ${paperMm}mm auto; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
.r { width: ${paperMm - 4}mm; padding: 2mm; font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: ${paperMm === 58 ? '10.5px' : '12px'}; line-height: 1.3; }
.l { white-space: pre; overflow: hidden; }
.center { text-align: center; }
.bold { font-weight: bold; }
.large { font-weight: bold; font-size: 1.35em; line-height: 1.6; }
.small { font-size: 0.85em; }
</style>
</head>
<body><div class="r">
${rows}
</div></body>
</html>
`;
}

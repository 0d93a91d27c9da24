// Web-mode printing: the laid-out receipt goes into a print-only container and the browser
// prints it with @page roll-paper size. In Electron the host prints and this is not used.
import type { Receipt } from '../shared/contract';

export function printInBrowser(receipt: Receipt): void {
  let root = document.getElementById('print-root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'print-root';
    document.body.appendChild(root);
  }
  root.replaceChildren();
  const paper = document.createElement('div');
  paper.className = `receipt-paper cols-${receipt.columns}`;
  for (const line of receipt.lines) {
    const el = document.createElement('div');
    el.className = `rl ${line.style} ${line.align}`;
    el.textContent = line.text || '\u00a0';
    paper.appendChild(el);
  }
  root.appendChild(paper);
  window.print();
}

export function downloadFile(fileName: string, content: string | Uint8Array<ArrayBuffer>, type = 'text/html'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Bytes that crossed the call boundary as base64 (a PDF). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

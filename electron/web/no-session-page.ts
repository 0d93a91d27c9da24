// What a browser without a session sees (a second browser, a bookmark of the bare address, a tab
// left open across a restart): not the till, only how to get in. Self-contained: no script, and
// its one style block is allowed by hash, so the page's CSP stays as strict as the app's.
import { createHash } from 'node:crypto';
import { CSP } from './static-files';

const STYLE =
  'body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}' +
  'main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px 40px;max-width:560px}' +
  'h1{font-size:22px;margin:0 0 12px}p{line-height:1.5;margin:8px 0}code{background:#eef0f4;padding:2px 6px;border-radius:4px;font-size:14px}.en{color:#5b6475;font-size:14px;margin-top:20px}';

const HTML = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Loket — buka lewat tautan</title><style>${STYLE}</style></head>
<body><main data-testid="no-session">
<h1>Buka Loket lewat tautan yang dicetak Loket</h1>
<p>Halaman ini hanya terbuka lewat tautan lengkap yang dicetak Loket di terminal saat dijalankan:</p>
<p><code>Loket web mode: http://127.0.0.1:…/?token=…</code></p>
<p>Salin tautan itu (dengan <code>?token=</code>) ke peramban ini. Jika Loket baru dijalankan ulang, pakai tautan yang baru.</p>
<p class="en">Open Loket through the link it printed when it started (the full URL with <code>?token=</code>). After a restart, use the new link.</p>
</main></body></html>`;

const styleHash = createHash('sha256').update(STYLE).digest('base64');

export const NO_SESSION_PAGE = {
  html: HTML,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': CSP.replace("style-src 'self'", `style-src 'sha256-${styleHash}'`),
  },
};

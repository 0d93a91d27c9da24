// The renderer's only way to the core. In Electron the preload exposes window.loket (one
// function per call); in web mode the same calls go to POST /api/<name> on our own origin.
import type { CallName } from '../../shared/contract-names';
import type { Approval, CallResult, Req, Res } from '../../shared/contract';

export type LoketBridge = { [N in CallName]: (request: unknown) => Promise<unknown> };

declare global {
  interface Window {
    loket?: LoketBridge;
  }
}

export type Transport = (name: CallName, request: unknown) => Promise<unknown>;

/** Web mode's double-submit token: the session's readable cookie, repeated in a header on every call. */
function csrfToken(): string {
  const m = /(?:^|;\s*)loket_csrf=([^;]+)/.exec(typeof document === 'undefined' ? '' : document.cookie);
  return m ? m[1]! : '';
}

const webTransport: Transport = async (name, request) => {
  const res = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-loket-csrf': csrfToken() },
    body: JSON.stringify(request ?? {}),
  });
  return res.json();
};

let transport: Transport | null = null;

function currentTransport(): Transport {
  if (transport) return transport;
  const bridge = typeof window !== 'undefined' ? window.loket : undefined;
  return bridge ? (name, request) => bridge[name](request) : webTransport;
}

/** Tests replace the transport with a fake core. */
export function setTransport(t: Transport | null): void {
  transport = t;
}

/** Answers "approval required" with a supervisor's name and PIN (App installs the dialog). */
let approver: ((message: string) => Promise<Approval | null>) | null = null;
export function setApprover(a: typeof approver): void {
  approver = a;
}

/** Answers "same purchase minutes ago" with the cashier's yes or no (App installs the dialog). */
let repeatConfirmer: ((message: string) => Promise<boolean>) | null = null;
export function setRepeatConfirmer(c: typeof repeatConfirmer): void {
  repeatConfirmer = c;
}

/** Web mode: the browser's session is gone (Loket restarted, or it never had one); App shows how to get in. */
let sessionLost: (() => void) | null = null;
export function onSessionLost(listener: typeof sessionLost): void {
  sessionLost = listener;
}

export async function call<N extends CallName>(name: N, request: Req<N>): Promise<CallResult<Res<N>>> {
  try {
    let r = (await currentTransport()(name, request)) as CallResult<Res<N>>;
    // The cashier may not do this alone: a supervisor types name and PIN, and the call goes again.
    while (!r.ok && r.error.code === 'approval_required' && approver) {
      const approval = await approver(r.error.message);
      if (!approval) break;
      r = (await currentTransport()(name, { ...request, approval })) as CallResult<Res<N>>;
    }
    // The same product for the same customer minutes ago: only with the cashier's explicit yes.
    if (!r.ok && r.error.code === 'repeat_unconfirmed' && repeatConfirmer && (await repeatConfirmer(r.error.message))) {
      r = (await currentTransport()(name, { ...request, confirmRepeat: true })) as CallResult<Res<N>>;
    }
    if (!r.ok && r.error.code === 'session_required') sessionLost?.();
    return r;
  } catch (e) {
    return {
      ok: false,
      error: { code: 'internal', message: 'Tidak bisa menghubungi aplikasi inti.', detail: e instanceof Error ? e.message : String(e) },
    };
  }
}

export function isElectron(): boolean {
  return typeof window !== 'undefined' && window.loket !== undefined;
}

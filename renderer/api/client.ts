// The renderer's only way to the core. In Electron the preload exposes window.loket (one
// function per call); in web mode the same calls go to POST /api/<name> on our own origin.
import type { CallName } from '../../shared/contract-names';
import type { CallResult, Req, Res } from '../../shared/contract';

export type LoketBridge = { [N in CallName]: (request: unknown) => Promise<unknown> };

declare global {
  interface Window {
    loket?: LoketBridge;
  }
}

export type Transport = (name: CallName, request: unknown) => Promise<unknown>;

const webTransport: Transport = async (name, request) => {
  const res = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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

export async function call<N extends CallName>(name: N, request: Req<N>): Promise<CallResult<Res<N>>> {
  try {
    return (await currentTransport()(name, request)) as CallResult<Res<N>>;
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

// Talking to the Worldline simulator as an SDK does, for tests that drive operations Loket's client
// does not make (increments, getRefund) or check the answers' shapes: a client-credentials token,
// then calls with the metadata headers every SDK sends (Date, Trace-Id, X-WL-ServerMetaInfo).
import type { WorldlineSimulator } from '../../electron/simulators/worldline/server';

export type WorldlineApi = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

export async function worldlineApi(sim: WorldlineSimulator, sdkIdentifier = 'NodejsServerSDK/v3.0.0'): Promise<WorldlineApi> {
  const c = sim.credentials;
  const res = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`,
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  let trace = 0;
  return async (method, path, body) => {
    const r = await fetch(`${sim.apiUrl}/processing/v1/${c.acquirerId}/${c.merchantId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        date: new Date().toUTCString(),
        'trace-id': `test-${++trace}`,
        'x-wl-servermetainfo': Buffer.from(JSON.stringify({ sdkIdentifier })).toString('base64'),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
}

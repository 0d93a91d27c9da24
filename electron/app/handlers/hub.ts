// The calls of Pengaturan → Pusat (issue 18): enroll this counter in the owner's hub, see how the
// replication stands, send now, or unlink.
import { ok } from '../../../shared/domain/errors';
import type { HubReplicator } from '../../services/hub/replicator';
import type { HandlerTable } from '../invoke';

type HubCalls = 'hub.status' | 'hub.enroll' | 'hub.unlink' | 'hub.flush';

export function hubHandlers(hub: HubReplicator): Pick<HandlerTable, HubCalls> {
  return {
    'hub.status': () => ok(hub.status()),
    'hub.enroll': (req) => hub.enroll(req.url, req.code),
    'hub.unlink': () => ok(hub.unlink()),
    'hub.flush': async () => {
      await hub.flush();
      return ok(hub.status());
    },
  };
}

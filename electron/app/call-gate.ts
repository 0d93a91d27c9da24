// Who may call what. Signing in is the only thing open to nobody; every other call needs a
// signed-in, unlocked person (a write restarts the idle clock); the owner's settings and accounts need
// the owner; the books and the audit need a supervisor. Actions a cashier may ask for with a
// supervisor's PIN (refunds, declaring failed, reprints) check their approval in the handler.
import type { CallName } from '../../shared/contract-names';
import { contract, type Role } from '../../shared/contract';
import type { CounterService } from '../services/counter/counter-service';
import type { HandlerTable } from './invoke';

const OPEN: ReadonlySet<CallName> = new Set<CallName>(['app.info', 'counter.status', 'counter.setupOwner', 'counter.signIn', 'counter.signOut']);

const NEEDS: Partial<Record<CallName, Role>> = {
  'settings.saveOutlet': 'owner',
  'settings.saveVsi': 'owner',
  'settings.setMode': 'owner',
  'settings.saveSat': 'owner',
  'settings.setRouting': 'owner',
  'settings.setLowBalance': 'owner',
  'settings.setCallback': 'owner',
  'settings.saveMidtrans': 'owner',
  'settings.saveWorldline': 'owner',
  'settings.saveChainside': 'owner',
  'pricing.set': 'owner',
  'pricing.remove': 'owner',
  'counter.createUser': 'owner',
  'counter.setActive': 'owner',
  'counter.setIdleLock': 'owner',
  'books.recordDeposit': 'owner',
  'books.get': 'supervisor',
  'books.statement': 'supervisor',
  'audit.verify': 'supervisor',
};

/** Reads (the screens' polling) do not count as activity: only what the person does restarts the idle clock. */
export function guardCalls(counter: CounterService, table: HandlerTable): HandlerTable {
  const guarded = { ...table } as Record<CallName, (req: never) => unknown>;
  for (const name of Object.keys(table) as CallName[]) {
    if (OPEN.has(name)) continue;
    const handler = table[name] as (req: never) => unknown;
    guarded[name] = (req: never) => {
      const who = counter.require(NEEDS[name] ?? 'cashier', contract[name].kind === 'write');
      return who.ok ? handler(req) : who;
    };
  }
  return guarded as HandlerTable;
}

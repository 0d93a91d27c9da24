// Who may call what, per session. Before anyone signs in a session may only ask what the counter
// looks like, make the first owner (while no account exists) and sign in; every other call needs
// the person signed in *at that session*, unlocked (a write restarts their idle clock); the owner's
// settings and accounts need the owner; the books, the audit and unlocking a cashier need a
// supervisor. Actions a cashier may ask for with a supervisor's PIN (refunds, declaring failed,
// reprints) check their approval in the handler. Every call runs under the name of the person it
// was checked for, which is what the audit seals (db/actor.ts).
import type { CallName } from '../../shared/contract-names';
import { contract, type Role } from '../../shared/contract';
import type { CounterService } from '../services/counter/counter-service';
import { actingAs } from '../db/actor';
import type { Caller, HandlerTable } from './invoke';

/** Open to a session nobody has signed in at (signing out is harmless: it ends only the caller's own session). */
const OPEN: ReadonlySet<CallName> = new Set<CallName>(['app.info', 'counter.status', 'counter.setupOwner', 'counter.signIn', 'counter.signOut', 'setup.findBackups', 'setup.restore']);

const NEEDS: Partial<Record<CallName, Role>> = {
  'settings.saveOutlet': 'owner',
  'settings.saveVsi': 'owner',
  'settings.saveProvider': 'owner',
  'provider.test': 'supervisor',
  'settings.setMode': 'owner',
  'settings.saveSat': 'owner',
  'settings.setRouting': 'owner',
  'settings.setLowBalance': 'owner',
  'settings.setCallback': 'owner',
  'settings.saveMidtrans': 'owner',
  'settings.saveWorldline': 'owner',
  'settings.saveChainside': 'owner',
  'settings.savePrinter': 'owner',
  'printer.test': 'supervisor',
  'pricing.set': 'owner',
  'pricing.remove': 'owner',
  'counter.createUser': 'owner',
  'counter.setActive': 'owner',
  'counter.setIdleLock': 'owner',
  'counter.setBlindCount': 'owner',
  'counter.resetPin': 'owner',
  'counter.unlockUser': 'supervisor',
  'books.recordDeposit': 'owner',
  'books.get': 'supervisor',
  'books.statement': 'supervisor',
  'audit.verify': 'supervisor',
  'audit.progress': 'supervisor',
  'backup.status': 'supervisor',
  'hub.status': 'supervisor',
  'hub.enroll': 'owner',
  'hub.unlink': 'owner',
  'hub.flush': 'supervisor',
  'backup.run': 'supervisor',
  'backup.saveSettings': 'owner',
  'recoveryKey.show': 'owner',
  'recoveryKey.confirm': 'owner',
  'recoveryKey.pdf': 'owner',
};

/** Reads (the screens' polling) do not count as activity: only what the person does restarts the idle clock. */
export function guardCalls(counter: CounterService, table: HandlerTable): HandlerTable {
  const guarded = { ...table } as Record<CallName, (req: never, caller: Caller) => unknown>;
  for (const name of Object.keys(table) as CallName[]) {
    const handler = table[name] as (req: never, caller: Caller) => unknown;
    guarded[name] = OPEN.has(name)
      ? (req: never, caller: Caller) => actingAs(counter.actorOf(caller.session), () => handler(req, caller))
      : (req: never, caller: Caller) => {
          const who = counter.require(caller.session, NEEDS[name] ?? 'cashier', contract[name].kind === 'write');
          return who.ok ? actingAs(who.value.name, () => handler(req, caller)) : who;
        };
  }
  return guarded as HandlerTable;
}

/** For tests: every call that needs a signed-in person (everything but OPEN). */
export const OPEN_CALLS = OPEN;

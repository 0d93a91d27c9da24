// `npm run sim -- <provider> [--port n] [--state file] [--latency ms] [--fulfil ms] [--deposit rp]`: one simulator, standalone. Prints one
// JSON line {"provider","baseUrl","credentials"} first, so scripts can read it, then serves.
import { startVsiSimulator } from './vsi/server';
import { startSatSimulator } from './sat/server';
import { startMidtransSimulator } from './midtrans/server';
import { startWorldlineSimulator } from './worldline/server';
import { startChainsideSimulator } from './chainside/server';
import { startDigiflazzSimulator } from './digiflazz/server';

type Args = { provider: string | undefined; port: number | undefined; state: string | undefined; latency: number; fulfil: number | undefined; deposit: number | undefined };

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { provider: undefined, port: undefined, state: undefined, latency: 0, fulfil: undefined, deposit: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--port') args.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) args.port = Number(a.slice(7));
    else if (a === '--state') args.state = argv[++i];
    else if (a === '--latency') args.latency = Number(argv[++i]);
    else if (a === '--fulfil') args.fulfil = Number(argv[++i]);
    else if (a === '--deposit') args.deposit = Number(argv[++i]);
    else if (!a.startsWith('-')) args.provider = a;
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.port !== undefined && !(Number.isInteger(args.port) && args.port >= 0 && args.port < 65536)) {
    process.stderr.write('--port must be a number between 0 and 65535\n');
    process.exit(2);
  }
  const started = await start(args);
  if (!started) {
    process.stderr.write(
      `usage: npm run sim -- ${Object.keys(SIMULATORS).join('|')} [--port <n>] [--state <file>] [--latency <ms>] [sat, digiflazz: --fulfil <ms> to settle an order (3000), --deposit <rupiah> on a fresh state (50000000)]\n`,
    );
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(started.line)}\n`);
  const stop = (): void => {
    void started.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

type Started = { line: { provider: string; baseUrl: string; credentials: Record<string, string> }; close(): Promise<void> };

/** Every simulator the CLI can start, by provider name. */
const SIMULATORS: Record<string, (args: Args, common: { port: number | undefined; statePath: string | null }, name: string) => Promise<Started>> = {
  async vsi(args, common, name) {
    const sim = await startVsiSimulator({ ...common, config: { latencyMs: args.latency } });
    return { line: { provider: name, baseUrl: sim.baseUrl, credentials: sim.credentials }, close: sim.close };
  },
  async sat(args, common, name) {
    const sim = await startSatSimulator({
      ...common,
      ...(args.deposit === undefined ? {} : { deposit: args.deposit }),
      config: { fault: { slowMs: args.latency }, ...(args.fulfil === undefined ? {} : { fulfilMs: args.fulfil }) },
    });
    return { line: { provider: name, baseUrl: sim.baseUrl, credentials: { tokenUrl: sim.tokenUrl, ...sim.credentials } }, close: sim.close };
  },
  async digiflazz(args, common, name) {
    const sim = await startDigiflazzSimulator({
      ...common,
      ...(args.deposit === undefined ? {} : { deposit: args.deposit }),
      ...(args.fulfil === undefined ? {} : { config: { settleMs: args.fulfil } }),
    });
    return { line: { provider: name, baseUrl: sim.baseUrl, credentials: sim.credentials }, close: sim.close };
  },
  async midtrans(args, common, name) {
    const sim = await startMidtransSimulator({ ...common, config: { faults: { slowMs: args.latency } } });
    return { line: { provider: name, baseUrl: sim.baseUrl, credentials: sim.credentials }, close: sim.close };
  },
  async chainside(args, common, name) {
    const sim = await startChainsideSimulator({ ...common, config: { faults: { slowMs: args.latency } } });
    return { line: { provider: name, baseUrl: sim.baseUrl, credentials: sim.credentials }, close: sim.close };
  },
  async worldline(args, common, name) {
    const sim = await startWorldlineSimulator({ ...common, config: { faults: { slowMs: args.latency } } });
    return { line: { provider: name, baseUrl: sim.apiUrl, credentials: { tokenUrl: sim.tokenUrl, ...sim.credentials } }, close: sim.close };
  },
};

async function start(args: Args): Promise<Started | null> {
  const starter = args.provider ? SIMULATORS[args.provider] : undefined;
  return starter && args.provider ? starter(args, { port: args.port, statePath: args.state ?? null }, args.provider) : null;
}

void main();

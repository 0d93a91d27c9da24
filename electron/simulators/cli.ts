// `npm run sim -- <provider> [--port n] [--state file] [--latency ms] [--fulfil ms] [--deposit rp]`: one simulator, standalone. Prints one
// JSON line {"provider","baseUrl","credentials"} first, so scripts can read it, then serves.
import { startVsiSimulator } from './vsi/server';
import { startSatSimulator } from './sat/server';

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
  switch (args.provider) {
    case 'vsi': {
      const sim = await startVsiSimulator({ port: args.port, statePath: args.state ?? null, config: { latencyMs: args.latency } });
      process.stdout.write(JSON.stringify({ provider: 'vsi', baseUrl: sim.baseUrl, credentials: sim.credentials }) + '\n');
      const stop = (): void => {
        void sim.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    case 'sat': {
      const sim = await startSatSimulator({
        port: args.port,
        statePath: args.state ?? null,
        ...(args.deposit === undefined ? {} : { deposit: args.deposit }),
        config: { fault: { slowMs: args.latency }, ...(args.fulfil === undefined ? {} : { fulfilMs: args.fulfil }) },
      });
      process.stdout.write(
        JSON.stringify({ provider: 'sat', baseUrl: sim.baseUrl, credentials: { tokenUrl: sim.tokenUrl, ...sim.credentials } }) + '\n',
      );
      const stop = (): void => {
        void sim.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    default:
      process.stderr.write('usage: npm run sim -- vsi|sat [--port <n>] [--state <file>] [--latency <ms>] [sat: --fulfil <ms> to fulfil an order (3000), --deposit <rupiah> on a fresh state (50000000)]\n');
      process.exit(2);
  }
}

void main();

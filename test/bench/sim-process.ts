// A simulator in its own process, as `npm run sim` starts it: the benchmark's two sides (raw HTTP
// and the core) share it, and its work never competes with the measured process's event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type SimProcess = { baseUrl: string; clientId: string; secret: string; stop(): void };
export type SatSimProcess = {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  privateKeyPem: string;
  satPublicKeyPem: string;
  stop(): void;
};

const VsiLine = z.object({ baseUrl: z.string(), credentials: z.object({ clientId: z.string(), secret: z.string() }) });
const SatLine = z.object({
  baseUrl: z.string(),
  credentials: z.object({ tokenUrl: z.string(), clientId: z.string(), clientSecret: z.string(), privateKeyPem: z.string(), satPublicKeyPem: z.string() }),
});

/** Starts `npm run sim -- <args>` and resolves with its first line (the JSON the CLI prints). */
function spawnSim<T>(args: readonly string[], schema: z.ZodType<T>): Promise<{ info: T; stop(): void }> {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/simulators/cli.ts', ...args, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => {
      resolve({ info: schema.parse(JSON.parse(line)), stop: () => proc.kill('SIGTERM') });
    });
    proc.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
}

export async function startSimProcess(latencyMs: number): Promise<SimProcess> {
  const { info, stop } = await spawnSim(['vsi', '--latency', String(latencyMs)], VsiLine);
  return { baseUrl: info.baseUrl, ...info.credentials, stop };
}

/** SAT with orders fulfilled at once, so both sides measure requests, not the simulator's delay. */
export async function startSatSimProcess(latencyMs: number): Promise<SatSimProcess> {
  const { info, stop } = await spawnSim(['sat', '--latency', String(latencyMs), '--fulfil', '0', '--deposit', '1000000000000'], SatLine);
  return { baseUrl: info.baseUrl, ...info.credentials, stop };
}

export type MidtransSimProcess = { baseUrl: string; serverKey: string; stop(): void };
const MidtransLine = z.object({ baseUrl: z.string(), credentials: z.object({ serverKey: z.string(), clientKey: z.string() }) });

export async function startMidtransSimProcess(latencyMs: number): Promise<MidtransSimProcess> {
  const { info, stop } = await spawnSim(['midtrans', '--latency', String(latencyMs)], MidtransLine);
  return { baseUrl: info.baseUrl, serverKey: info.credentials.serverKey, stop };
}

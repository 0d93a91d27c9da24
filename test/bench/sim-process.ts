// A simulator in its own process, as `npm run sim` starts it: the benchmark's two sides (raw HTTP
// and the core) share it, and its work never competes with the measured process's event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type SimProcess = { baseUrl: string; clientId: string; secret: string; stop(): void };

export function startSimProcess(latencyMs: number): Promise<SimProcess> {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/simulators/cli.ts', 'vsi', '--port', '0', '--latency', String(latencyMs)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => {
      const info = JSON.parse(line) as { baseUrl: string; credentials: { clientId: string; secret: string } };
      resolve({ baseUrl: info.baseUrl, ...info.credentials, stop: () => proc.kill('SIGTERM') });
    });
    proc.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
}

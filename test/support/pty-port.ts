// A serial port for tests: a pseudo-terminal (opened by Python's pty module, which every machine
// that builds better-sqlite3 has), its far end read until the test says it is done. The bytes a
// printer on a serial or Bluetooth SPP port would receive, exactly (the line is set raw).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const SCRIPT = `
import os, pty, select, sys, tty
m, s = pty.openpty()
tty.setraw(s)
print(os.ttyname(s), flush=True)
got = bytearray()
while True:
    r, _, _ = select.select([m, sys.stdin], [], [])
    if m in r:
        got += os.read(m, 65536)
    if sys.stdin in r and not sys.stdin.buffer.read1(1):
        while select.select([m], [], [], 0)[0]:
            got += os.read(m, 65536)
        break
sys.stdout.write(got.hex() + "\\n")
`;

export type PtyPort = { path: string; /** Ends the port and gives every byte written to it. */ received(): Promise<Uint8Array> };

export async function openPtyPort(): Promise<PtyPort> {
  const proc = spawn('python3', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout! });
  const next = (): Promise<string> => new Promise((resolve, reject) => {
    lines.once('line', resolve);
    proc.once('exit', (c) => reject(new Error(`pty helper exited ${c}`)));
  });
  const path = await next();
  return {
    path,
    async received() {
      const hex = next();
      proc.stdin!.end();
      return Uint8Array.from(Buffer.from(await hex, 'hex'));
    },
  };
}

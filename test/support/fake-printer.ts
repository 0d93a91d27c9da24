// A network thermal printer on 127.0.0.1, as the tests need one: it answers the status query
// (DLE EOT) the way an ESC/POS printer does, keeps every job's bytes, and can misbehave — paper
// out, hang up on the sender, never answer. Tests wait on `nextJob()`, a positive signal.
import net from 'node:net';

export type FakePrinterMode = 'ok' | 'paper-out' | 'hang-up' | 'silent';

export type FakePrinter = {
  port: number;
  url: string;
  /** Every job received (one connection each), in order. */
  jobs: Uint8Array[];
  /** Connections made, jobs or not (a status-only probe counts). */
  connections: number;
  mode: FakePrinterMode;
  /** Resolves with the next job's bytes once the sender has closed its side. */
  nextJob(): Promise<Uint8Array>;
  close(): Promise<void>;
};

const DLE_EOT = [0x10, 0x04];
/** DLE EOT n answers: bits 1 and 4 are always set; paper-out sets bits 5 and 6 of n=4's byte. */
const NORMAL = 0x12;
const PAPER_OUT = 0x72;

/** The job's bytes without the status queries that came before it. */
function stripStatusQueries(all: number[]): number[] {
  let i = 0;
  while (all[i] === DLE_EOT[0] && all[i + 1] === DLE_EOT[1] && all[i + 2] !== undefined) i += 3;
  return all.slice(i);
}

export async function startFakePrinter(mode: FakePrinterMode = 'ok'): Promise<FakePrinter> {
  const waiters: Array<(b: Uint8Array) => void> = [];
  const sockets = new Set<net.Socket>();
  const printer: FakePrinter = {
    port: 0,
    url: '',
    jobs: [],
    connections: 0,
    mode,
    nextJob: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((socket) => {
    printer.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const got: number[] = [];
    if (printer.mode === 'hang-up') {
      socket.destroy();
      return;
    }
    // Status queries come first on the connection; each is answered as it arrives (in real time).
    let answered = 0;
    let printing = false;
    socket.on('data', (d: Buffer) => {
      got.push(...d);
      if (printer.mode === 'silent') return;
      while (!printing && got.length >= answered * 3 + 3) {
        const at = answered * 3;
        if (got[at] !== DLE_EOT[0] || got[at + 1] !== DLE_EOT[1]) {
          printing = true;
          break;
        }
        socket.write(Buffer.from([got[at + 2] === 4 && printer.mode === 'paper-out' ? PAPER_OUT : NORMAL]));
        answered += 1;
      }
    });
    socket.on('end', () => {
      const job = Uint8Array.from(stripStatusQueries(got));
      socket.end();
      if (job.length === 0) return;
      printer.jobs.push(job);
      waiters.shift()?.(job);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  printer.port = (server.address() as net.AddressInfo).port;
  printer.url = `tcp://127.0.0.1:${printer.port}`;
  return printer;
}

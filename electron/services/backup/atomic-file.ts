// Writing a file so that it is either all there under its name or not there at all: a temp file
// beside it (created exclusively, private), fsynced, renamed, and the folder fsynced so the rename
// itself survives a power cut. A temp left by a killed run keeps its temp name and is swept later.
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export const TEMP_PREFIX = '.loket-';
export const TEMP_SUFFIX = '.tmp';

export type OpenTemp = (file: string) => Promise<FileHandle>;
const openExclusive: OpenTemp = (file) => open(file, 'wx', 0o600);

async function fsyncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return; // Windows cannot open a folder for fsync; NTFS journals the rename.
  const fh = await open(folder, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** `write` fills the open temp file; then it becomes `folder/name`. The temp is removed on any failure. */
export async function writeAtomically(folder: string, name: string, write: (fh: FileHandle) => Promise<void>, openTemp: OpenTemp = openExclusive): Promise<string> {
  const temp = path.join(folder, `${TEMP_PREFIX}${name}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const final = path.join(folder, name);
  let fh: FileHandle | null = await openTemp(temp);
  try {
    await write(fh);
    await fh.sync();
    await fh.close();
    fh = null;
    await rename(temp, final);
    await fsyncFolder(folder);
    return final;
  } catch (e) {
    if (fh) await fh.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temps of earlier runs that were killed mid-write: their process is gone (or, on a share another
 * PC may also write to, they are older than `staleMs`). They were never backups.
 */
export function sweepTemps(folder: string, now: number, staleMs = 6 * 3_600_000): string[] {
  const swept: string[] = [];
  for (const n of readdirSync(folder)) {
    if (!n.startsWith(TEMP_PREFIX) || !n.endsWith(TEMP_SUFFIX)) continue;
    const p = path.join(folder, n);
    const pid = Number(/\.(\d+)-[0-9a-f]{8}\.tmp$/.exec(n)?.[1] ?? NaN);
    try {
      if (pid === process.pid || (alive(pid) && now - statSync(p).mtimeMs < staleMs)) continue;
      unlinkSync(p);
      swept.push(n);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return swept;
}

// The backup file (.loketbak): a copy of the ledger, gzip-compressed and encrypted under a key
// derived from the vault key, in records that each carry their own tag — so a flipped byte is
// found and named ("rusak di bagian 37, sekitar MB 36"), a cut-off file is told from a whole one,
// and no unauthenticated byte is ever handed on.
//
//   "LOKETBAK" | u32 header length | header JSON | SHA-256(header JSON) | records…
//   record = AES-256-GCM(chunk of ≤ 1 MiB compressed ledger) | 16-byte tag
//   nonce  = header.nonce (8 bytes) | u32 record index;  AAD = SHA-256(header) | index | final flag
//
// The header is readable without the key (what the restore screen shows before asking for the
// recovery key), checksummed so damage there is told apart from a wrong key, and bound into every
// record's AAD so it cannot be edited either. `keyId` names the vault key without revealing it, so
// a wrong recovery key is said as such before anything is decrypted.
import { err } from '../../../shared/domain/errors';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';

const MAGIC = Buffer.from('LOKETBAK');
const CHUNK = 1 << 20;
const TAG = 16;
const MAX_HEADER = 64 * 1024;

export const BackupHeaderSchema = z.object({
  format: z.literal('loket-backup'),
  version: z.literal(1),
  createdAt: z.number().int(),
  appVersion: z.string(),
  schema: z.number().int(),
  outlet: z.string(),
  sales: z.number().int().nonnegative(),
  lastSaleAt: z.number().int().nullable(),
  ledgerBytes: z.number().int().nonnegative(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  nonce: z.string().regex(/^[0-9a-f]{16}$/),
  compression: z.literal('gzip'),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;
export type BackupFacts = Omit<BackupHeader, 'format' | 'version' | 'keyId' | 'salt' | 'nonce' | 'compression'>;

export type BackupFileError =
  | { code: 'not_backup' | 'header_damaged' | 'wrong_key' | 'damaged' | 'truncated' | 'unreadable'; message: string; detail: string };

/** Names the vault key (8 bytes of a one-way derivation): equal for every backup of one ledger. */
export function backupKeyId(vaultKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), Buffer.from('loket backup key id v1'), 8)).toString('hex');
}

function fileKey(vaultKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', vaultKey, salt, Buffer.from('loket backup v1'), 32));
}

function recordNonce(prefix: Buffer, index: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 8);
  n.writeUInt32BE(index, 8);
  return n;
}

function recordAad(headerHash: Buffer, index: number, final: boolean): Buffer {
  const a = Buffer.alloc(37);
  headerHash.copy(a, 0);
  a.writeUInt32BE(index, 32);
  a[36] = final ? 1 : 0;
  return a;
}

function headerBytes(header: BackupHeader): { prefix: Buffer; hash: Buffer } {
  const json = Buffer.from(JSON.stringify(header));
  const hash = createHash('sha256').update(json).digest();
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return { prefix: Buffer.concat([MAGIC, len, json, hash]), hash };
}

/** Compressed bytes in, encrypted records out; the last record is marked final (possibly empty). */
class Sealer extends Transform {
  private pending: Buffer[] = [];
  private size = 0;
  private index = 0;
  constructor(private readonly key: Buffer, private readonly nonce: Buffer, private readonly headerHash: Buffer) {
    super();
  }
  private seal(chunk: Buffer, final: boolean): void {
    const c = createCipheriv('aes-256-gcm', this.key, recordNonce(this.nonce, this.index));
    c.setAAD(recordAad(this.headerHash, this.index, final));
    this.push(Buffer.concat([c.update(chunk), c.final(), c.getAuthTag()]));
    this.index++;
  }
  override _transform(data: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending.push(data);
    this.size += data.length;
    while (this.size > CHUNK) {
      const all = Buffer.concat(this.pending);
      this.seal(all.subarray(0, CHUNK), false);
      this.pending = [all.subarray(CHUNK)];
      this.size = all.length - CHUNK;
    }
    done();
  }
  override _flush(done: TransformCallback): void {
    this.seal(Buffer.concat(this.pending), true);
    done();
  }
}

class RecordError extends Error {
  constructor(readonly code: 'damaged' | 'truncated', readonly index: number) {
    super(`record ${index}: ${code}`);
  }
}

/** Encrypted records in, compressed bytes out; throws RecordError naming the first bad record. */
class Opener extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private index = 0;
  constructor(private readonly key: Buffer, private readonly nonce: Buffer, private readonly headerHash: Buffer) {
    super();
  }
  private open(record: Buffer, final: boolean): Buffer {
    if (record.length < TAG) throw new RecordError('truncated', this.index);
    const d = createDecipheriv('aes-256-gcm', this.key, recordNonce(this.nonce, this.index));
    d.setAAD(recordAad(this.headerHash, this.index, final));
    d.setAuthTag(record.subarray(record.length - TAG));
    try {
      const out = Buffer.concat([d.update(record.subarray(0, record.length - TAG)), d.final()]);
      this.index++;
      return out;
    } catch {
      // A record that fails as final may be a whole middle record of a cut-off file.
      if (final && record.length === CHUNK + TAG) {
        const m = createDecipheriv('aes-256-gcm', this.key, recordNonce(this.nonce, this.index));
        m.setAAD(recordAad(this.headerHash, this.index, false));
        m.setAuthTag(record.subarray(record.length - TAG));
        try {
          m.update(record.subarray(0, record.length - TAG));
          m.final();
          throw new RecordError('truncated', this.index + 1);
        } catch (e) {
          if (e instanceof RecordError) throw e;
        }
      }
      throw new RecordError('damaged', this.index);
    }
  }
  override _transform(data: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
      // A record is surely not the last while more bytes follow it.
      while (this.buffer.length > CHUNK + TAG) {
        this.push(this.open(this.buffer.subarray(0, CHUNK + TAG), false));
        this.buffer = this.buffer.subarray(CHUNK + TAG);
      }
      done();
    } catch (e) {
      done(e as Error);
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      this.push(this.open(this.buffer, true));
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}

/**
 * Writes into an open FileHandle from `start` on. (FileHandle.createWriteStream keeps a reference
 * that leaves a later close() waiting forever on Node 20, so the handle stays the caller's alone.)
 */
function positionalWriter(fh: FileHandle, start: number, onWritten?: (bytes: number) => Promise<void>): Writable {
  let at = start;
  return new Writable({
    highWaterMark: CHUNK,
    write(chunk: Buffer, _enc, done) {
      fh.write(chunk, 0, chunk.length, at)
        .then(async ({ bytesWritten }) => {
          at += bytesWritten;
          if (bytesWritten !== chunk.length) throw new Error('short write');
          await onWritten?.(at);
        })
        .then(() => done(), (e: Error) => done(e));
    },
  });
}

/**
 * Writes the ledger copy at `plainFile` as a backup into an open file (the caller's temp file;
 * making it the backup — fsync, rename — is the caller's). Returns the header written.
 */
export async function writeBackup(
  plainFile: string,
  out: FileHandle,
  vaultKey: Buffer,
  facts: Omit<BackupFacts, 'ledgerBytes'>,
  /** Crash tests: called after each record reaches the file. */
  onWritten?: (bytes: number) => Promise<void>,
): Promise<BackupHeader> {
  const salt = randomBytes(16);
  const nonce = randomBytes(8);
  const header: BackupHeader = {
    format: 'loket-backup',
    version: 1,
    ...facts,
    ledgerBytes: (await stat(plainFile)).size,
    keyId: backupKeyId(vaultKey),
    salt: salt.toString('hex'),
    nonce: nonce.toString('hex'),
    compression: 'gzip',
  };
  const { prefix, hash } = headerBytes(header);
  await out.write(prefix, 0, prefix.length, 0);
  await pipeline(
    createReadStream(plainFile, { highWaterMark: CHUNK }),
    createGzip({ level: 1, chunkSize: 256 * 1024 }),
    new Sealer(fileKey(vaultKey, salt), nonce, hash),
    positionalWriter(out, prefix.length, onWritten),
  );
  return header;
}

type HeaderRead = { ok: true; header: BackupHeader; hash: Buffer; bodyStart: number } | { ok: false; error: BackupFileError };

/** The header alone (readable without the key). */
export async function readBackupHeader(file: string): Promise<HeaderRead> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    return err({ code: 'unreadable', message: `Berkas cadangan tidak bisa dibuka: ${file}.`, detail: (e as Error).message });
  }
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await fh.read(head, 0, 12, 0);
    if (bytesRead < 12 || !head.subarray(0, 8).equals(MAGIC)) {
      return err({ code: 'not_backup', message: `${file} bukan berkas cadangan Loket (.loketbak).`, detail: 'magic bytes differ' });
    }
    const len = head.readUInt32BE(8);
    if (len > MAX_HEADER) return err({ code: 'header_damaged', message: `Kepala berkas cadangan ${file} rusak.`, detail: `header length ${len}` });
    const rest = Buffer.alloc(len + 32);
    const r = await fh.read(rest, 0, rest.length, 12);
    const json = rest.subarray(0, len);
    const hash = createHash('sha256').update(json).digest();
    if (r.bytesRead < rest.length || !hash.equals(rest.subarray(len))) {
      return err({ code: 'header_damaged', message: `Kepala berkas cadangan ${file} rusak (checksum tidak cocok).`, detail: 'header checksum differs' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      parsed = null;
    }
    const header = BackupHeaderSchema.safeParse(parsed);
    if (!header.success) return err({ code: 'header_damaged', message: `Kepala berkas cadangan ${file} tidak dikenal.`, detail: header.error.message });
    return { ok: true, header: header.data, hash, bodyStart: 12 + len + 32 };
  } finally {
    await fh.close();
  }
}

/** Decrypts a backup into `destFile` (a plain SQLite ledger); nothing is kept there unless all of it checks. */
export async function openBackup(file: string, vaultKey: Buffer, destFile: string): Promise<{ ok: true; header: BackupHeader } | { ok: false; error: BackupFileError }> {
  const read = await readBackupHeader(file);
  if (!read.ok) return read;
  const { header, hash, bodyStart } = read;
  if (header.keyId !== backupKeyId(vaultKey)) {
    return err({ code: 'wrong_key', message: 'Kunci pemulihan ini bukan kunci ledger yang dicadangkan di berkas ini.', detail: `key id ${header.keyId}` });
  }
  try {
    await pipeline(
      createReadStream(file, { start: bodyStart, highWaterMark: CHUNK }),
      new Opener(fileKey(vaultKey, Buffer.from(header.salt, 'hex')), Buffer.from(header.nonce, 'hex'), hash),
      createGunzip(),
      createWriteStream(destFile, { flags: 'wx', mode: 0o600 }),
    );
  } catch (e) {
    if (e instanceof RecordError) {
      const mb = Math.floor((e.index * (CHUNK + TAG)) / (1 << 20));
      return {
        ok: false,
        error:
          e.code === 'truncated'
            ? { code: 'truncated', message: `Berkas cadangan ${file} terpotong: berhenti setelah bagian ke-${e.index}.`, detail: `missing final record after ${e.index}` }
            : { code: 'damaged', message: `Berkas cadangan ${file} rusak atau diubah di bagian ke-${e.index + 1} (sekitar MB ${mb} dari isi terenkripsi). Pakai cadangan lain.`, detail: `record ${e.index} fails its tag` },
      };
    }
    return err({ code: 'unreadable', message: `Berkas cadangan ${file} tidak bisa dibaca sampai habis.`, detail: (e as Error).message });
  }
  return { ok: true, header };
}

// Backups and restores as an outlet lives them: a day of sales backed up and restored into a new
// folder (same sales, same books, the audit chain clean, the credentials readable); and every
// fault the issue names — SIGKILL mid-backup, a full disk, a folder that vanishes, a flipped byte,
// a wrong recovery key, a backup from the previous schema, a folder another Loket holds.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../electron/db/migrate';
import { installAuditor } from '../../electron/db/audit';
import { auditKey } from '../../electron/db/audit-digest';
import { verifyAudit } from '../../electron/db/audit-verify';
import { seedSales } from '../../electron/db/queries/seed';
import { lockFolder } from '../../electron/db/folder-lock';
import { inspectLedger } from '../../electron/db/ledger-inspect';
import { makeBackup, type BackupRun } from '../../electron/services/backup/make-backup';
import { installStaged, stageRestore } from '../../electron/services/backup/restore';
import { readBackupHeader } from '../../electron/services/backup/backup-file';
import { recoveryKeyOf, readRecoveryKey } from '../../electron/secrets/recovery-key';
import { createVault } from '../../electron/secrets/vault';
import { fixedKeySource } from '../../electron/secrets/key-source';
import { TEST_KEY, sellToken, startCore, tempDir, type Core } from './harness';

const KEY = Buffer.from(TEST_KEY, 'hex');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let core: Core;
let folder: string;
let first: BackupRun;

function backupOf(dataDir: string, folders: string[], extra: Partial<Parameters<typeof makeBackup>[0]> = {}): Promise<BackupRun> {
  return makeBackup({
    ledgerFile: path.join(dataDir, 'loket.db'),
    stagingDir: path.join(dataDir, 'backup-staging'),
    folders,
    vaultKey: KEY,
    appVersion: 'test',
    outlet: 'Loket Uji',
    now: Date.now,
    ...extra,
  });
}

const backups = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.loketbak'));

function runCli(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/app', script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  core = await startCore();
  // A credential in the vault: a restore with the recovery key must be able to read it back.
  expect(await createVault(core.loket.db, fixedKeySource(KEY), Date.now).store('test.secret', 'rahasia-vsi', 'https://vsi.example')).toMatchObject({ ok: true });
  for (const n of ['14233784991', '14233784992', '14233784993']) await sellToken(core, n, 20_000);
  folder = tempDir('loket-bak-');
  first = await backupOf(core.dataDir, [folder]);
}, 60_000);
afterAll(async () => {
  await core?.stop();
});

describe('a backup of a day of sales, restored elsewhere', () => {
  it('is written, proven and named; the restore brings back the same sales, books and a clean audit chain', async () => {
    expect(first.results[0]).toMatchObject({ ok: true, sales: 3 });
    expect(backups(folder)).toHaveLength(1);
    const file = (first.results[0] as { file: string }).file;
    const head = await readBackupHeader(file);
    expect(head.ok && head.header).toMatchObject({ outlet: 'Loket Uji', sales: 3, schema: MIGRATIONS.at(-1)!.version });
    // Nothing of the ledger is readable in the file.
    expect(readFileSync(file).includes(Buffer.from('14233784991'))).toBe(false);

    const fresh = tempDir('loket-restored-');
    const staged = await stageRestore({ file, dataDir: fresh, vaultKey: readRecoveryKey(recoveryKeyOf(KEY)).ok ? KEY : Buffer.alloc(0) });
    expect(staged.ok).toBe(true);
    if (!staged.ok) return;
    installStaged(staged.staged, fresh);
    expect(staged.facts).toMatchObject({ sales: 3, users: 1, schemaFrom: MIGRATIONS.at(-1)!.version });
    expect(staged.facts.lastShift?.closedAt).toBeNull();

    const restored = await startCore({ dataDir: fresh }, { signedIn: false });
    try {
      const live = core.loket.db.prepare('SELECT id, state, token, total FROM sales ORDER BY seq').all();
      expect(restored.loket.db.prepare('SELECT id, state, token, total FROM sales ORDER BY seq').all()).toEqual(live);
      const balances = (c: Core): unknown => c.loket.db.prepare("SELECT code, balance FROM account_balances WHERE env = 'training' ORDER BY code").all();
      expect(balances(restored)).toEqual(balances(core));
      expect(inspectLedger(path.join(fresh, 'loket.db')).bookProblems).toEqual([]);
      // The credential sealed on the old PC opens with the recovered key.
      expect(await createVault(restored.loket.db, fixedKeySource(KEY), Date.now).reveal('test.secret', 'https://vsi.example')).toEqual({ ok: true, value: 'rahasia-vsi' });
    } finally {
      await restored.stop();
    }
    expect(verifyAudit(path.join(fresh, 'loket.db'), auditKey(KEY)).findings).toEqual([]);
  });
});

describe('faults', () => {
  it('SIGKILL in the middle of writing: the earlier backup stays valid, the partial file is never a backup and is swept', async () => {
    const before = backups(folder);
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/backup-child.ts', import.meta.url)), core.dataDir, folder, TEST_KEY], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (l) => l.includes('"writing"') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code} before writing`)));
    });
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const partial = readdirSync(folder).filter((n) => n.endsWith('.tmp'));
    expect(partial).toHaveLength(1);
    expect(backups(folder)).toEqual(before);
    const fresh = tempDir('loket-after-kill-');
    expect((await stageRestore({ file: path.join(folder, before[0]!), dataDir: fresh, vaultKey: KEY })).ok).toBe(true);
    // The next run sweeps the dead run's temp and adds a proven backup.
    const next = await backupOf(core.dataDir, [folder]);
    expect(next.results[0]!.ok).toBe(true);
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('a full disk: said in words, no file left, the earlier backups untouched', async () => {
    const before = backups(folder);
    // /dev/full answers every write with ENOSPC, as a full USB stick does.
    const run = await backupOf(core.dataDir, [folder], { openTemp: () => open('/dev/full', 'w') });
    expect(run.results[0]).toMatchObject({ ok: false, problem: { code: 'disk_full' } });
    expect((run.results[0] as { problem: { message: string } }).problem.message).toContain('Disk tujuan penuh');
    expect(backups(folder)).toEqual(before);
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a folder that is gone (USB pulled) before or during the write', async () => {
    const gone = path.join(tempDir('loket-usb-'), 'FLASHDISK');
    const missing = await backupOf(core.dataDir, [gone, folder]);
    expect(missing.results[0]).toMatchObject({ ok: false, problem: { code: 'folder_missing' } });
    expect(missing.results[1]!.ok).toBe(true);

    mkdirSync(gone);
    const pulled = await backupOf(core.dataDir, [gone], {
      openTemp: async (temp) => {
        const fh = await open(temp, 'wx', 0o600);
        rmSync(gone, { recursive: true, force: true });
        return fh;
      },
    });
    expect(pulled.results[0]).toMatchObject({ ok: false, problem: { code: 'folder_missing' } });
    expect(existsSync(gone)).toBe(false);
  });

  it('one flipped byte is refused and named; a damaged header too', async () => {
    const file = path.join(folder, backups(folder)[0]!);
    const body = readFileSync(file);
    const flipped = path.join(tempDir('loket-flip-'), 'flipped.loketbak');
    const copy = Buffer.from(body);
    copy[copy.length - 100]! ^= 0x01;
    writeFileSync(flipped, copy);
    const r = await stageRestore({ file: flipped, dataDir: tempDir('loket-flip-to-'), vaultKey: KEY });
    expect(r).toMatchObject({ ok: false, problem: { code: 'damaged' } });
    expect((r as { problem: { message: string } }).problem.message).toMatch(/rusak atau diubah di bagian ke-1/);

    const head = Buffer.from(body);
    head[20]! ^= 0x01;
    writeFileSync(flipped, head);
    expect(await stageRestore({ file: flipped, dataDir: tempDir('loket-flip-to-'), vaultKey: KEY })).toMatchObject({ ok: false, problem: { code: 'header_damaged' } });

    const cut = body.subarray(0, body.length - 5);
    writeFileSync(flipped, cut);
    expect((await stageRestore({ file: flipped, dataDir: tempDir('loket-flip-to-'), vaultKey: KEY })).ok).toBe(false);
  });

  it('a wrong recovery key is refused before anything is decrypted; a typo is told apart', async () => {
    const file = path.join(folder, backups(folder)[0]!);
    const target = tempDir('loket-wrong-');
    const r = await stageRestore({ file, dataDir: target, vaultKey: Buffer.alloc(32, 7) });
    expect(r).toMatchObject({ ok: false, problem: { code: 'wrong_key' } });
    expect(readdirSync(path.join(target, 'restore'))).toEqual([]);
    const typed = recoveryKeyOf(KEY).replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(readRecoveryKey(typed)).toMatchObject({ ok: false, problem: 'checksum' });
  });

  it('a backup made by the previous schema is brought to this one and verified', async () => {
    const dir = tempDir('loket-old-');
    // A ledger as the previous Loket left it: its schema, sealed by its audit.
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(path.join(dir, 'loket.db'));
    old.pragma('journal_mode = WAL');
    migrate(old, MIGRATIONS.slice(0, -1));
    installAuditor(old, auditKey(KEY), Date.now);
    seedSales(old, [{ id: 'S1', seq: 1, businessDate: '2026-12-01', createdAt: Date.parse('2026-12-01T03:00:00Z'), state: 'succeeded', customerNumber: '14233784991', denomination: 20_000, providerAdmin: 2_500, token: '1'.repeat(20), booked: true }]);
    old.close();
    const to = tempDir('loket-old-bak-');
    const run = await backupOf(dir, [to]);
    expect(run.results[0]!.ok).toBe(true);
    const fresh = tempDir('loket-old-restored-');
    const staged = await stageRestore({ file: (run.results[0] as { file: string }).file, dataDir: fresh, vaultKey: KEY });
    expect(staged).toMatchObject({ ok: true, facts: { schemaFrom: MIGRATIONS.at(-2)!.version, schemaTo: MIGRATIONS.at(-1)!.version, sales: 1 } });
  });

  it('the CLI: backup exits 0 with a verified file; restore refuses a held folder and one with a ledger, and restores with the recovery key', async () => {
    const to = tempDir('loket-cli-bak-');
    const env = { LOKET_MASTER_KEY: TEST_KEY };
    const b = await runCli('backup-cli.ts', ['--data', core.dataDir, '--to', to], env);
    expect(b.stdout).toContain('TERVERIFIKASI');
    expect(b.code).toBe(0);
    const file = path.join(to, backups(to)[0]!);

    const held = tempDir('loket-held-');
    const lock = lockFolder(held);
    expect(lock.ok).toBe(true);
    const busy = await runCli('restore-cli.ts', ['--from', file, '--data', held], { LOKET_RECOVERY_KEY: recoveryKeyOf(KEY) });
    if (lock.ok) lock.lock.release();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('Loket sudah berjalan');

    const occupied = await runCli('restore-cli.ts', ['--from', file, '--data', core.dataDir], { LOKET_RECOVERY_KEY: recoveryKeyOf(KEY) });
    expect(occupied.code).toBe(1);

    const wrong = await runCli('restore-cli.ts', ['--from', file, '--data', tempDir('loket-cli-wrong-')], { LOKET_RECOVERY_KEY: recoveryKeyOf(Buffer.alloc(32, 9)) });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('bukan kunci ledger');

    const fresh = path.join(tempDir('loket-cli-new-'), 'data');
    const ok = await runCli('restore-cli.ts', ['--from', file, '--data', fresh], { LOKET_RECOVERY_KEY: recoveryKeyOf(KEY).toLowerCase().replace(/-/g, ' ') });
    expect(ok.stdout).toContain('DIPULIHKAN');
    expect(ok.code).toBe(0);
    // The key file now holds the recovered key: web mode opens the restored ledger with it.
    expect(readFileSync(path.join(fresh, 'master.key'), 'utf8').trim()).toBe(TEST_KEY);
    expect(verifyAudit(path.join(fresh, 'loket.db'), auditKey(KEY)).findings).toEqual([]);

    // The old PC's loket.db itself, its key lost: restored with a new key and a new owner PIN.
    const keyless = path.join(tempDir('loket-cli-keyless-'), 'data');
    const noKey = await runCli('restore-cli.ts', ['--from', path.join(core.dataDir, 'loket.db'), '--data', keyless, '--without-key', '--owner', 'Pemilik'], { LOKET_OWNER_PIN: '5678' });
    expect(noKey.stdout).toContain('TANPA KUNCI');
    expect(noKey.code).toBe(0);
    const newKey = Buffer.from(readFileSync(path.join(keyless, 'master.key'), 'utf8').trim(), 'hex');
    expect(newKey.equals(KEY)).toBe(false);
    const report = verifyAudit(path.join(keyless, 'loket.db'), auditKey(newKey));
    expect(report.findings).toEqual([]);
    expect(report.unverifiableBefore).toBeGreaterThan(1);
    const encryptedWithoutKey = await runCli('restore-cli.ts', ['--from', file, '--data', tempDir('loket-cli-nokey-'), '--without-key', '--owner', 'Pemilik'], { LOKET_OWNER_PIN: '5678' });
    expect(encryptedWithoutKey.code).toBe(2);
  }, 90_000);
});

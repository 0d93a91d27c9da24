// Why a backup or restore could not be done, in the cashier's words, from what the OS said.
export type BackupProblem = { code: string; message: string; detail: string };

export function describeFsError(e: unknown, folder: string): BackupProblem {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const detail = (e as Error).message ?? String(e);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { code: 'disk_full', message: `Disk tujuan penuh: ${folder}. Kosongkan ruang atau pilih folder lain.`, detail };
    case 'ENOENT':
    case 'ENODEV':
    case 'EIO':
    case 'ENXIO':
      return { code: 'folder_missing', message: `Folder cadangan tidak ditemukan: ${folder}. Flashdisk dicabut atau drive jaringan terputus?`, detail };
    case 'ENOTDIR':
      return { code: 'folder_missing', message: `${folder} bukan folder.`, detail };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { code: 'no_permission', message: `Loket tidak boleh menulis ke ${folder}.`, detail };
    default:
      return { code: 'write_failed', message: `Cadangan gagal ditulis ke ${folder}.`, detail: `${code} ${detail}`.trim() };
  }
}

// The recovery key on one A4 page: the 14 groups large and numbered (the owner is asked for two of
// them by number), the outlet, when it was printed, and in plain words what it is for and where
// to keep it. pdf-lib's standard fonts, as the day report.
import type { RGB } from 'pdf-lib';
import { formatLocalDateTime } from '../../shared/domain/time';

export type RecoveryKeyPage = { groups: string[]; outlet: string; timeZone: string; printedAt: number; printedBy: string };

const WORDS = [
  'Kunci pemulihan ini membuka cadangan Loket di komputer lain bila komputer kasir rusak, hilang, atau diinstal ulang.',
  'Tanpa kunci ini cadangan tidak bisa dibuka, dan kata sandi penyedia harus dimasukkan ulang.',
  'Simpan kertas ini di tempat aman, JAUH dari komputer kasir dan dari flashdisk cadangan.',
  'Siapa pun yang memegang kunci ini dan sebuah cadangan dapat membaca seluruh pembukuan loket.',
  'Pemulihan: Loket baru -> "Pulihkan dari cadangan" -> pilih berkas .loketbak -> ketik kunci ini.',
];

export async function renderRecoveryKeyPdf(p: RecoveryKeyPage): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle('Kunci pemulihan Loket');
  doc.setCreator('Loket');
  const page = doc.addPage([595.28, 841.89]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.CourierBold);
  const ink: RGB = rgb(0.1, 0.1, 0.12);
  let y = 780;
  page.drawText('KUNCI PEMULIHAN LOKET', { x: 48, y, size: 20, font: bold, color: ink });
  y -= 22;
  page.drawText(`${p.outlet} — dicetak ${formatLocalDateTime(p.printedAt, p.timeZone)} oleh ${p.printedBy}`, { x: 48, y, size: 10, font: regular, color: ink });
  y -= 40;
  p.groups.forEach((g, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const x = 60 + col * 250;
    const gy = y - row * 40;
    page.drawText(String(i + 1).padStart(2, ' '), { x, y: gy, size: 12, font: regular, color: rgb(0.45, 0.45, 0.5) });
    page.drawText(g, { x: x + 30, y: gy - 2, size: 24, font: mono, color: ink });
  });
  y -= Math.ceil(p.groups.length / 2) * 40 + 20;
  for (const line of WORDS) {
    page.drawText(line, { x: 48, y, size: 10, font: regular, color: ink, maxWidth: 500, lineHeight: 13 });
    y -= line.length > 95 ? 30 : 18;
  }
  return doc.save();
}

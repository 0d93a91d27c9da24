// A sale's and a payment's state in the words an Indonesian outlet uses on paper: the day PDF, the
// CSV a spreadsheet opens, the struk. (The screens translate through the renderer's catalogues.)
export const SALE_STATE_LABEL: Record<string, string> = {
  awaiting_payment: 'Menunggu bayar',
  paid: 'Dibayar',
  sending: 'Dikirim',
  pending: 'Pending',
  review: 'Perlu dicek',
  succeeded: 'Berhasil',
  failed: 'Gagal',
  cancelled: 'Dibatalkan',
};

export const PAYMENT_STATE_LABEL: Record<string, string> = {
  created: 'Dibuat',
  pending: 'Menunggu',
  settled: 'Masuk',
  expired: 'Kedaluwarsa',
  denied: 'Ditolak',
  cancelled: 'Dibatalkan',
  failed: 'Gagal',
  refund_due: 'Harus dikembalikan',
  refunded: 'Dikembalikan',
};

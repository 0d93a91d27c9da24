// One provider exchange at a time per sale: a second request for the same sale joins the one in
// flight instead of sending another PAY or ADV.
export type SaleGuard = {
  run(saleId: string, task: () => Promise<void>): Promise<void>;
  busy(saleId: string): boolean;
  idle(): Promise<void>;
};

export function createSaleGuard(): SaleGuard {
  const running = new Map<string, Promise<void>>();
  return {
    run(saleId, task) {
      const current = running.get(saleId);
      if (current) return current;
      const p = task().finally(() => running.delete(saleId));
      running.set(saleId, p);
      return p;
    },
    busy: (saleId) => running.has(saleId),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}

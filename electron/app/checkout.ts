// The checkout's links between services that need each other: a settled payment starts the purchase
// (payments → sales), and any change to what is due wakes the schedulers (sales, payments and
// bitcoin orders → the due-schedulers). Both sides are built from it and it is connected once,
// before anything starts, instead of closures reassigned after the fact.
export type Checkout = {
  /** The customer's money is in: buy the goods. */
  paymentSettled(saleId: string): void;
  /** Something due changed (a status check, a payment check, a bitcoin order): look again. */
  scheduleChanged(): void;
  connect(parts: { buy(saleId: string): void; wake(): void }): void;
};

export function createCheckout(): Checkout {
  let parts: { buy(saleId: string): void; wake(): void } | null = null;
  const connected = (): { buy(saleId: string): void; wake(): void } => {
    // Only start() lets anything settle or change, and createLoket connects before it returns.
    if (!parts) throw new Error('checkout used before it was connected');
    return parts;
  };
  return {
    paymentSettled: (saleId) => connected().buy(saleId),
    scheduleChanged: () => {
      // Services announce changes while they are being built (resume on start comes later): nothing to wake yet.
      parts?.wake();
    },
    connect(p) {
      if (parts) throw new Error('checkout connected twice');
      parts = p;
    },
  };
}

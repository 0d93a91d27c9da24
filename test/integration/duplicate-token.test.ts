// Service level with a scripted provider: the defences that no honest simulator triggers.
import { describe, expect, it } from 'vitest';
import { getSale } from '../../electron/db/queries/sales';
import { delivered, scriptedCore, stillUncertain } from '../support/scripted-core';

describe('defences against a provider that answers wrongly', () => {
  it('a token already recorded on another sale is never handed out again: review, not success', async () => {
    const core = scriptedCore({ purchase: () => ({ kind: 'success', delivered: delivered('11112222333344445555') }) });
    const first = await core.sell('14233784991');
    expect(first.state).toBe('succeeded');
    const second = await core.sell('14233784992');
    expect(second.state).toBe('review');
    expect(second.reviewReason).toBe('duplicate_token');
    expect(second.delivery.token).toBeNull();
  });

  it('a charged amount matching neither the denomination nor denomination + admin is flagged; the token is still delivered', async () => {
    const core = scriptedCore({ purchase: () => ({ kind: 'success', delivered: delivered('99998888777766665555', 150_000) }) });
    const sale = await core.sell();
    expect(sale.state).toBe('succeeded');
    expect(JSON.parse(getSale(core.db, sale.id)!.vendor_json!).amountMismatch).toBe(true);
  });

  it('a success without a valid token is not a success: review, the cash kept', async () => {
    const core = scriptedCore({ purchase: () => ({ kind: 'success', delivered: { ...delivered('1234'), token: null } }) });
    const sale = await core.sell();
    expect(sale.state).toBe('review');
    expect(sale.reviewReason).toBe('missing_token');
    expect(sale.payment.state).toBe('settled');
  });

  it('a provider client that throws mid-PAY leaves the sale pending, never failed and never re-bought', async () => {
    let calls = 0;
    const core = scriptedCore({
      purchase: () => {
        calls++;
        throw new Error('socket hang up');
      },
      advise: () => stillUncertain,
    });
    const sale = await core.sell();
    expect(sale.state).toBe('pending');
    await core.sales.checkStatus(sale.id);
    expect(calls).toBe(1);
  });
});

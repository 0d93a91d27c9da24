import { describe, expect, it } from 'vitest';
import { classifyAdviceError, classifyInquiryError, classifyPayError, rcNumber } from '../../electron/providers/vsi/errors';

describe('VSI rc classification (vsi.md §1.5)', () => {
  it('compares codes as integers, falling back to the rcm bracket', () => {
    expect(rcNumber('0014', undefined)).toBe(14);
    expect(rcNumber(undefined, '[146] ERROR di servis deposit')).toBe(146);
    expect(rcNumber('garbage', 'no bracket')).toBeNull();
  });

  it.each([5, 12, 18, 52, 54, 55, 63, 67, 68, 70, 73, 91, 97, 146, 999])('PAY rc %i is uncertain (never a failure, never a retry)', (rc) => {
    expect(classifyPayError(rc, `[${rc}] x`).kind).toBe('uncertain');
  });

  it('an unknown or missing code on PAY is uncertain', () => {
    expect(classifyPayError(null, 'garbled').kind).toBe('uncertain');
    expect(classifyPayError(4242, 'new code').kind).toBe('uncertain');
  });

  it.each([
    [4, 'provider_config'], [8, 'provider_clock'], [14, 'customer_not_found'], [15, 'customer_not_found'],
    [17, 'customer_blocked'], [26, 'deposit_insufficient'], [29, 'provider_auth'], [41, 'amount_out_of_range'],
    [46, 'deposit_insufficient'], [47, 'kwh_limit_exceeded'], [48, 'request_expired'], [60, 'provider_config'],
    [66, 'provider_config'], [90, 'provider_cutoff'], [92, 'request_expired'], [94, 'provider_failed'], [96, 'provider_failed'],
  ])('PAY rc %i is a definite failure (%s)', (rc, code) => {
    const c = classifyPayError(rc, `[${rc}] x`);
    expect(c).toMatchObject({ kind: 'failed', confirm: false });
    expect(c.error.code).toBe(code);
    expect(c.error.providerCode).toBe(String(rc).padStart(4, '0'));
  });

  it('0051 fails only after one confirming advice', () => {
    expect(classifyPayError(51, '[51] x')).toMatchObject({ kind: 'failed', confirm: true });
  });

  it('on ADV only a reversal is final; an error about the advice itself stays uncertain', () => {
    expect(classifyAdviceError(94, '', false).kind).toBe('failed');
    for (const rc of [8, 29, 46, 5, 68]) expect(classifyAdviceError(rc, '', false)).toMatchObject({ kind: 'uncertain', notFound: false });
  });

  it('NOT-FOUND answers on ADV are marked, never final by themselves', () => {
    for (const rc of [63, 92, 93, 96, 98]) expect(classifyAdviceError(rc, '', false)).toMatchObject({ kind: 'uncertain', notFound: true });
  });

  it('a confirming advice that says 0051 again confirms the failure', () => {
    expect(classifyAdviceError(51, '', true).kind).toBe('failed');
    expect(classifyAdviceError(51, '', false).kind).toBe('uncertain');
  });

  it('every INQ error is a retryable failure with a message', () => {
    expect(classifyInquiryError(14, '[14] x').code).toBe('customer_not_found');
    expect(classifyInquiryError(68, '[68] x').code).toBe('provider_unavailable');
    expect(classifyInquiryError(null, '').message).not.toBe('');
  });
});

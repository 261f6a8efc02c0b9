import { describe, expect, it } from 'vitest';
import { SimulatedPaymentTerminal } from '../../electron/hotel/simulated-payment-terminal.ts';
import { ManualClock } from '../support/clock.ts';

const deposit = { amountMinor: 50000, currency: 'CNY', reference: '80000001' };

describe('simulated payment terminal', () => {
  it('approves a deposit pre-authorisation with a masked card reference and holds it', async () => {
    const t = new SimulatedPaymentTerminal({ timeoutMs: 30_000, clock: new ManualClock(Date.parse('2026-11-28T14:00:00Z')) });
    expect(await t.preAuthorize(deposit)).toEqual({ outcome: 'approved', authorizationCode: 'SIMAUTH0001', amountMinor: 50000, currency: 'CNY', cardRef: '**** 4242' });
    expect(t.state()).toMatchObject({ holds: 1, heldMinor: 50000 });
  });

  it('declines the next request when told to, then approves again', async () => {
    const t = new SimulatedPaymentTerminal({ timeoutMs: 30_000, clock: new ManualClock(Date.parse('2026-11-28T14:00:00Z')) });
    t.declineNext('insufficient funds');
    expect(await t.preAuthorize(deposit)).toEqual({ outcome: 'declined', reason: 'insufficient funds' });
    expect(await t.preAuthorize(deposit)).toMatchObject({ outcome: 'approved' });
    expect(t.state()).toMatchObject({ declined: 1, holds: 1 });
  });

  it('times out after its timeout when no card is presented, and is busy meanwhile', async () => {
    const clock = new ManualClock(Date.parse('2026-11-28T14:00:00Z'));
    const t = new SimulatedPaymentTerminal({ timeoutMs: 30_000, clock });
    t.timeoutNext();
    let result: unknown = null;
    const pending = t.preAuthorize(deposit).then((r) => { result = r; });
    expect(t.status()).toEqual({ state: 'busy' });
    expect(await t.preAuthorize(deposit)).toMatchObject({ outcome: 'error', code: 'busy' });
    clock.advance(29_999);
    await Promise.resolve();
    expect(result).toBeNull();
    clock.advance(1);
    await pending;
    expect(result).toEqual({ outcome: 'timeout' });
    expect(t.status()).toEqual({ state: 'available' });
    expect(t.state()).toMatchObject({ timedOut: 1, holds: 0 });
  });

  it('releases a hold once, and refuses bad amounts and a disconnected terminal', async () => {
    const t = new SimulatedPaymentTerminal({ timeoutMs: 30_000, clock: new ManualClock(Date.parse('2026-11-28T14:00:00Z')) });
    const r = await t.preAuthorize(deposit);
    const code = r.outcome === 'approved' ? r.authorizationCode : '';
    expect(await t.release(code)).toEqual({ ok: true });
    expect(await t.release(code)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.preAuthorize({ ...deposit, amountMinor: 0 })).toMatchObject({ outcome: 'error', code: 'invalid-request' });
    expect(await t.preAuthorize({ ...deposit, currency: 'yuan' })).toMatchObject({ outcome: 'error', code: 'invalid-request' });
    t.setConnected(false);
    expect(t.status()).toMatchObject({ state: 'unavailable', code: 'NOT_REACHABLE' });
    expect(await t.preAuthorize(deposit)).toMatchObject({ outcome: 'error', code: 'unavailable' });
  });
});

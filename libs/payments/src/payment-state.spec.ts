import fc from 'fast-check';
import { IllegalTransitionError } from '@partsmith/platform';
import { allocationLifecycle, chargebackLifecycle, OPEN_CHARGEBACK_STATUSES, paymentLifecycle, refundLifecycle, transferLifecycle, type ChargebackStatus } from './payment-state';

describe('payment lifecycles', () => {
  it('a payment can succeed after a decline, but nothing moves it back from succeeded or canceled', () => {
    expect(paymentLifecycle.transition('failed', 'succeeded')).toBe('succeeded');
    expect(() => paymentLifecycle.transition('succeeded', 'failed')).toThrow(IllegalTransitionError);
    expect(paymentLifecycle.targets('canceled')).toEqual([]);
  });

  it('an allocation settles once: released, refunded or split are final', () => {
    for (const final of ['released', 'refunded', 'split'] as const) expect(allocationLifecycle.targets(final)).toEqual([]);
    // Only an operator splits: deciding a dispute, or cancelling a job before it ships with compensation for the factory.
    expect(allocationLifecycle.canTransition('held', 'split')).toBe(true);
    expect(allocationLifecycle.canTransition('delivered', 'split')).toBe(false);
    expect(allocationLifecycle.canTransition('disputed', 'split')).toBe(true);
  });

  it('a transfer is only reversed after it was created', () => {
    expect(transferLifecycle.canTransition('pending', 'reversed')).toBe(false);
    expect(transferLifecycle.canTransition('created', 'partially_reversed')).toBe(true);
    expect(refundLifecycle.canTransition('succeeded', 'failed')).toBe(true);
  });

  it('chargeback states only move forward: any sequence of late webhooks ends in a state reachable from the first', () => {
    const all: ChargebackStatus[] = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...all), { minLength: 1, maxLength: 30 }), (events) => {
        let state = events[0];
        const seen = [state];
        for (const next of events.slice(1)) {
          if (chargebackLifecycle.canTransition(state, next)) state = next;
          seen.push(state);
        }
        // once closed, it stays closed
        const closedAt = seen.findIndex((s) => !OPEN_CHARGEBACK_STATUSES.includes(s));
        if (closedAt >= 0) expect(new Set(seen.slice(closedAt)).size).toBe(1);
      }),
    );
  });
});

import fc from 'fast-check';
import { autoReleaseAt, decideRelease, splitAmounts, type EscrowFacts } from './escrow-policy';

const now = new Date('2026-05-01T12:00:00Z');
const facts = (over: Partial<EscrowFacts> = {}): EscrowFacts => ({
  trigger: 'acceptance',
  now,
  status: 'delivered',
  paymentSucceeded: true,
  autoReleaseAt: autoReleaseAt(new Date('2026-04-20T12:00:00Z'), 7),
  openChargeback: false,
  openDeliveryDispute: false,
  inspectionRequired: false,
  inspectionEvidence: false,
  heldMinor: 10_000,
  grossMinor: 10_000,
  ...over,
});

describe('escrow policy', () => {
  it('releases on acceptance, and automatically only once N days after delivery have passed', () => {
    expect(decideRelease(facts())).toEqual({ release: true });
    expect(decideRelease(facts({ trigger: 'auto' }))).toEqual({ release: true });
    expect(decideRelease(facts({ trigger: 'auto', autoReleaseAt: autoReleaseAt(new Date('2026-04-30T12:00:00Z'), 7) }))).toMatchObject({ release: false, reason: 'NOT_DUE' });
    expect(decideRelease(facts({ trigger: 'auto', autoReleaseAt: null }))).toMatchObject({ release: false, reason: 'NOT_DUE' });
  });

  it('never releases while a chargeback is open, not even for an operator', () => {
    for (const trigger of ['acceptance', 'auto', 'operator'] as const) {
      expect(decideRelease(facts({ trigger, openChargeback: true }))).toMatchObject({ release: false, reason: 'CHARGEBACK_OPEN' });
    }
  });

  it('a disputed delivery waits for the operator; inspection evidence is needed where the order requires it', () => {
    expect(decideRelease(facts({ openDeliveryDispute: true }))).toMatchObject({ reason: 'DELIVERY_DISPUTE_OPEN' });
    expect(decideRelease(facts({ trigger: 'operator', status: 'disputed', openDeliveryDispute: true }))).toEqual({ release: true });
    expect(decideRelease(facts({ inspectionRequired: true }))).toMatchObject({ reason: 'INSPECTION_EVIDENCE_MISSING' });
    expect(decideRelease(facts({ trigger: 'auto', inspectionRequired: true }))).toMatchObject({ reason: 'INSPECTION_EVIDENCE_MISSING' });
    expect(decideRelease(facts({ inspectionRequired: true, inspectionEvidence: true }))).toEqual({ release: true });
  });

  it('never releases unpaid, settled, or more than is held', () => {
    expect(decideRelease(facts({ paymentSucceeded: false }))).toMatchObject({ reason: 'NOT_PAID' });
    expect(decideRelease(facts({ status: 'released' }))).toMatchObject({ reason: 'ALREADY_SETTLED' });
    expect(decideRelease(facts({ heldMinor: 9_999 }))).toMatchObject({ reason: 'INSUFFICIENT_HELD_FUNDS' });
  });

  it('a split never pays out more than the payout nor refunds more than the gross, and accounts for every cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (gross, payoutPct, percent) => {
        const payout = Math.floor((gross * payoutPct) / 100);
        const split = splitAmounts(gross, payout, percent);
        expect(split.payoutMinor).toBeLessThanOrEqual(payout);
        expect(split.payoutMinor).toBeLessThanOrEqual(split.releasedGrossMinor);
        expect(split.releasedGrossMinor + split.refundMinor).toBe(gross);
        expect(Number.isInteger(split.payoutMinor) && split.refundMinor >= 0).toBe(true);
      }),
    );
  });
});

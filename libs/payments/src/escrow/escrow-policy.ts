/**
 * When may escrowed money go to the factory? Pure, so the rule is readable and tested on its own.
 *
 * - on the designer's acceptance, or automatically once `autoReleaseAt` (delivery + N days) has passed;
 * - never while a chargeback or a designer–factory dispute is open;
 * - where the order requires an inspection level, only with the inspection evidence.
 */
export type ReleaseTrigger = 'acceptance' | 'auto' | 'operator';

export interface EscrowFacts {
  trigger: ReleaseTrigger;
  now: Date;
  status: string;
  paymentSucceeded: boolean;
  autoReleaseAt: Date | null;
  openChargeback: boolean;
  openDeliveryDispute: boolean;
  inspectionRequired: boolean;
  inspectionEvidence: boolean;
  heldMinor: number;
  grossMinor: number;
}

export type ReleaseRefusal =
  | 'ALREADY_SETTLED'
  | 'NOT_PAID'
  | 'CHARGEBACK_OPEN'
  | 'DELIVERY_DISPUTE_OPEN'
  | 'INSPECTION_EVIDENCE_MISSING'
  | 'NOT_DUE'
  | 'INSUFFICIENT_HELD_FUNDS';

export type ReleaseDecision = { release: true } | { release: false; reason: ReleaseRefusal; message: string };

export function decideRelease(facts: EscrowFacts): ReleaseDecision {
  const refuse = (reason: ReleaseRefusal, message: string): ReleaseDecision => ({ release: false, reason, message });
  if (['released', 'refunded', 'split'].includes(facts.status)) return refuse('ALREADY_SETTLED', `The escrow is already settled (${facts.status})`);
  if (!facts.paymentSucceeded) return refuse('NOT_PAID', 'The order has not been paid yet');
  if (facts.openChargeback) return refuse('CHARGEBACK_OPEN', 'A chargeback is open on this payment; the release waits for its outcome');
  if (facts.trigger !== 'operator' && (facts.openDeliveryDispute || facts.status === 'disputed')) {
    return refuse('DELIVERY_DISPUTE_OPEN', 'The delivery is disputed; an operator decides (release, refund or split)');
  }
  if (facts.inspectionRequired && !facts.inspectionEvidence && facts.trigger !== 'operator') {
    return refuse('INSPECTION_EVIDENCE_MISSING', 'This order requires inspection evidence before the factory is paid');
  }
  if (facts.trigger === 'auto' && (!facts.autoReleaseAt || facts.autoReleaseAt.getTime() > facts.now.getTime())) {
    return refuse('NOT_DUE', facts.autoReleaseAt ? `Automatic release is due at ${facts.autoReleaseAt.toISOString()}` : 'The delivery has not been recorded');
  }
  if (facts.heldMinor < facts.grossMinor) {
    return refuse('INSUFFICIENT_HELD_FUNDS', `Only ${facts.heldMinor} is held for the order; releasing needs ${facts.grossMinor}`);
  }
  return { release: true };
}

export function autoReleaseAt(deliveredAt: Date, days: number): Date {
  return new Date(deliveredAt.getTime() + days * 86_400_000);
}

/** An operator's split: the factory gets `factoryPercent` of its payout, the designer the rest of the gross back. */
export function splitAmounts(grossMinor: number, payoutMinor: number, factoryPercent: number): { payoutMinor: number; releasedGrossMinor: number; refundMinor: number } {
  if (!Number.isInteger(factoryPercent) || factoryPercent < 0 || factoryPercent > 100) throw new RangeError('factoryPercent must be an integer from 0 to 100');
  const releasedGross = Math.round((grossMinor * factoryPercent) / 100);
  const payout = Math.min(Math.round((payoutMinor * factoryPercent) / 100), releasedGross);
  return { payoutMinor: payout, releasedGrossMinor: releasedGross, refundMinor: grossMinor - releasedGross };
}

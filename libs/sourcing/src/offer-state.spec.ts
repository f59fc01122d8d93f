import { IllegalTransitionError } from '@partsmith/platform';
import { LIVE_OFFER_STATUSES, offerLifecycle, OfferStatus, sourcingJobLifecycle, SourcingJobStatus } from './offer-state';

describe('offer lifecycle', () => {
  it('an open offer can be accepted, declined, countered, withdrawn or expire', () => {
    expect([...offerLifecycle.targets(OfferStatus.open)].sort()).toEqual(['accepted', 'countered', 'declined', 'expired', 'withdrawn']);
  });

  it('a counter is decided by the designer (accepted or rejected) or expires', () => {
    expect(offerLifecycle.canTransition(OfferStatus.countered, OfferStatus.accepted)).toBe(true);
    expect(offerLifecycle.canTransition(OfferStatus.countered, OfferStatus.rejected)).toBe(true);
    expect(offerLifecycle.canTransition(OfferStatus.countered, OfferStatus.countered)).toBe(false);
  });

  it('final states stay final', () => {
    for (const status of Object.values(OfferStatus).filter((s) => !LIVE_OFFER_STATUSES.includes(s))) {
      expect(offerLifecycle.targets(status)).toEqual([]);
      expect(() => offerLifecycle.transition(status, OfferStatus.open)).toThrow(IllegalTransitionError);
    }
  });

  it('an awarded sourcing job never reopens', () => {
    expect(sourcingJobLifecycle.targets(SourcingJobStatus.awarded)).toEqual([]);
    expect(sourcingJobLifecycle.canTransition(SourcingJobStatus.stalled, SourcingJobStatus.open)).toBe(true);
  });
});

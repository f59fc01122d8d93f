import { registerEnumType } from '@nestjs/graphql';
import { StateMachine } from '@partsmith/platform';

export enum OfferStatus {
  open = 'open',
  accepted = 'accepted',
  declined = 'declined',
  expired = 'expired',
  countered = 'countered',
  rejected = 'rejected',
  withdrawn = 'withdrawn',
}
registerEnumType(OfferStatus, {
  name: 'OfferStatus',
  description:
    'open → accepted | declined | expired | countered | withdrawn; countered → accepted (the designer took the counter) | rejected | expired | withdrawn',
});

/**
 * One offer of the cascade. Open and countered are the live states (at most one per job line, a partial
 * unique index); every other state is final, and every final state but accepted passes the job on.
 */
export const offerLifecycle = new StateMachine<OfferStatus>('offer', {
  open: [OfferStatus.accepted, OfferStatus.declined, OfferStatus.expired, OfferStatus.countered, OfferStatus.withdrawn],
  countered: [OfferStatus.accepted, OfferStatus.rejected, OfferStatus.expired, OfferStatus.withdrawn],
  accepted: [],
  declined: [],
  expired: [],
  rejected: [],
  withdrawn: [],
});

export const LIVE_OFFER_STATUSES: readonly OfferStatus[] = [OfferStatus.open, OfferStatus.countered];

export enum AwardMode {
  offer_cascade = 'offer_cascade',
  sealed_bid = 'sealed_bid',
  batch = 'batch',
  operator = 'operator',
}
registerEnumType(AwardMode, { name: 'AwardMode', description: 'How the job line was awarded' });

export enum SourcingJobStatus {
  open = 'open',
  stalled = 'stalled',
  awarded = 'awarded',
  closed = 'closed',
}
registerEnumType(SourcingJobStatus, {
  name: 'SourcingJobStatus',
  description: 'open (offers going out) → awarded; stalled when no eligible factory is left (retried later); closed when the job line was cancelled',
});

export const sourcingJobLifecycle = new StateMachine<SourcingJobStatus>('sourcing job', {
  open: [SourcingJobStatus.awarded, SourcingJobStatus.stalled, SourcingJobStatus.closed],
  stalled: [SourcingJobStatus.open, SourcingJobStatus.awarded, SourcingJobStatus.closed],
  awarded: [],
  closed: [],
});

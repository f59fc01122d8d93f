import { defineJob, repeatJob, subscribeToDomainEvents, type DomainEventJobPayload } from '@partsmith/platform';

/** An offer's answer deadline (or a counter's decision deadline) passed: expire it and offer the next factory. */
export const ExpireOfferJob = defineJob<{ offerId: string }>({ queue: 'sourcing', name: 'sourcing.offer.expire', attempts: 8, backoffMs: 2_000 });

/**
 * The hook from orders: job lines in `sourcing` without a sourcing job are opened and offered; stalled
 * ones are retried after SOURCING_STALLED_RETRY_MINUTES; cancelled ones are closed. Also runnable by hand.
 */
export const SourcingSweepJob = defineJob<{ limit: number }>({ queue: 'sourcing', name: 'sourcing.sweep', attempts: 3, backoffMs: 10_000 });

repeatJob(SourcingSweepJob, (config) => (config.sourcing.sweepCron ? { pattern: config.sourcing.sweepCron } : null), { limit: 200 });

/** A factory was suspended (factories context): it leaves every open offer at once. */
export const FactorySuspendedOffersJob = defineJob<DomainEventJobPayload>({ queue: 'sourcing', name: 'sourcing.factory-suspended', attempts: 8, backoffMs: 2_000 });

subscribeToDomainEvents(FactorySuspendedOffersJob, { types: ['factory.suspended'] });

/** A sealed-bid RFQ's deadline passed: close bidding and score the bids (idempotent: only the first run after the deadline closes). */
export const CloseBiddingJob = defineJob<{ jobLineId: string }>({ queue: 'sourcing', name: 'sourcing.rfq.close', attempts: 8, backoffMs: 2_000 });

/** The designer's pick window after an RFQ closed passed: the platform awards the best-scored bid (no-op once awarded). */
export const AwardBestBidJob = defineJob<{ jobLineId: string }>({ queue: 'sourcing', name: 'sourcing.rfq.award-best', attempts: 8, backoffMs: 2_000 });

/** Batch assignment: open batch-mode jobs × eligible factories with remaining capacity → min-cost assignment → offers. */
export const BatchAssignmentJob = defineJob<{ limit: number }>({ queue: 'sourcing', name: 'sourcing.batch-assign', attempts: 3, backoffMs: 10_000 });

repeatJob(BatchAssignmentJob, (config) => (config.sourcing.batchCron ? { pattern: config.sourcing.batchCron } : null), { limit: 500 });

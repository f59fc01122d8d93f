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

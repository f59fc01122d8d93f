import { defineJob } from '@partsmith/platform';

/**
 * Accepts a delivered job line once the acceptance window (ACCEPTANCE_WINDOW_SECONDS after delivery) has
 * passed with neither an acceptance nor a dispute. Queued, delayed, in the delivery's transaction; a no-op
 * when the line has moved on meanwhile.
 */
export const AutoAcceptDeliveryJob = defineJob<{ jobLineId: string }>({ queue: 'production', name: 'production.delivery.auto-accept', attempts: 5, backoffMs: 5_000 });

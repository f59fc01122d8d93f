import { defineJob, repeatJob } from '@partsmith/platform';

/** Creates the Stripe Transfer of a released allocation (idempotency key stored on the transfer row). */
export const CreateTransferJob = defineJob<{ transferId: string }>({ queue: 'payments', name: 'payments.transfer.create', attempts: 8, backoffMs: 1_000 });
/** Reverses the transfers a refund needs, then creates the refund. */
export const ExecuteRefundJob = defineJob<{ refundId: string }>({ queue: 'payments', name: 'payments.refund.execute', attempts: 8, backoffMs: 1_000 });
/** Pulls a charge's fee and refunds from Stripe and posts what the ledger lacks. */
export const SyncChargeJob = defineJob<{ paymentId: string }>({ queue: 'payments', name: 'payments.charge.sync', attempts: 8, backoffMs: 1_000 });
/** Releases an allocation when its automatic release is due (delivery + ESCROW_AUTO_RELEASE_DAYS). */
export const AutoReleaseJob = defineJob<{ allocationId: string }>({ queue: 'payments', name: 'payments.escrow.auto-release', attempts: 5, backoffMs: 5_000 });
/** Reads a connected account's current state (order-independent, unlike the events that trigger it). */
export const SyncAccountJob = defineJob<{ stripeAccountId: string }>({ queue: 'payments', name: 'payments.account.sync', attempts: 8, backoffMs: 1_000 });
/** Compares the ledger and our records with the processor; writes a report. */
export const ReconcileJob = defineJob<{ reportId: string }>({ queue: 'payments', name: 'payments.reconcile', attempts: 3, backoffMs: 5_000 });
/**
 * Tells the orders context that an order's payment was captured (emitted once, when the payment turns
 * succeeded). Declared here so payments never imports orders; its one handler lives in libs/orders.
 * Runs on the orders queue, where its handler's work belongs.
 */
export const OrderFundedJob = defineJob<{ orderId: string; paymentId: string; amountMinor: number; currency: string }>({
  queue: 'orders',
  name: 'payments.order.funded',
  attempts: 10,
  backoffMs: 1_000,
});

/**
 * Tells the orders context that a released allocation's transfer to the factory was made (emitted once,
 * when the transfer turns created, in that transaction). Declared here so payments never imports orders;
 * its one handler lives in libs/orders, which moves the job line (allocationKey) accepted → paid_out.
 */
export const TransferCompletedJob = defineJob<{ orderId: string; allocationKey: string; transferId: string; amountMinor: number; currency: string }>({
  queue: 'orders',
  name: 'payments.transfer.completed',
  attempts: 10,
  backoffMs: 1_000,
});

/** The nightly reconciliation: opens a report and queues its run (RECONCILIATION_CRON, default 03:00 UTC). */
export const NightlyReconciliationJob = defineJob<{ trigger: string }>({ queue: 'payments', name: 'payments.reconcile.nightly', attempts: 3, backoffMs: 60_000 });

repeatJob(NightlyReconciliationJob, (config) => (config.payments.reconciliationCron && config.payments.stripe ? { pattern: config.payments.reconciliationCron } : null), {
  trigger: 'nightly',
});

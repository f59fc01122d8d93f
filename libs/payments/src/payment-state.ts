import { StateMachine } from '@partsmith/platform';

export type PaymentStatus = 'requires_payment' | 'failed' | 'succeeded' | 'canceled';
/**
 * One PaymentIntent per order. A declined card leaves the intent payable again, so `failed` can still
 * succeed; `succeeded` and `canceled` are final. Late webhooks that would move backwards are refused.
 */
export const paymentLifecycle = new StateMachine<PaymentStatus>('payment', {
  requires_payment: ['failed', 'succeeded', 'canceled'],
  failed: ['failed', 'succeeded', 'canceled'],
  succeeded: [],
  canceled: [],
});

export type AllocationStatus = 'held' | 'delivered' | 'disputed' | 'released' | 'refunded' | 'split';
/** What one factory is owed for its part of an order, while the money waits in escrow. */
export const allocationLifecycle = new StateMachine<AllocationStatus>('escrow allocation', {
  held: ['delivered', 'disputed', 'released', 'refunded', 'split'], // split: an operator's cancellation that pays the factory for work done
  delivered: ['disputed', 'released', 'refunded'],
  disputed: ['released', 'refunded', 'split'],
  released: [],
  refunded: [],
  split: [],
});

export type TransferStatus = 'pending' | 'created' | 'partially_reversed' | 'reversed' | 'failed';
/** A Transfer to a factory's connected account. `failed → pending` is an operator's retry. */
export const transferLifecycle = new StateMachine<TransferStatus>('factory transfer', {
  pending: ['created', 'failed'],
  failed: ['pending', 'created'],
  created: ['partially_reversed', 'reversed'],
  partially_reversed: ['partially_reversed', 'reversed'],
  reversed: [],
});

export type RefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';
/** Stripe refunds can still fail after succeeding (the card was closed). */
export const refundLifecycle = new StateMachine<RefundStatus>('refund', {
  pending: ['succeeded', 'failed', 'canceled'],
  succeeded: ['failed'],
  failed: [],
  canceled: [],
});

export type ChargebackStatus =
  | 'warning_needs_response'
  | 'warning_under_review'
  | 'warning_closed'
  | 'needs_response'
  | 'under_review'
  | 'won'
  | 'lost';
/** Stripe's dispute states; skips are allowed because webhooks can arrive late or not at all. */
export const chargebackLifecycle = new StateMachine<ChargebackStatus>('chargeback', {
  warning_needs_response: ['warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'],
  warning_under_review: ['warning_closed', 'needs_response', 'under_review', 'won', 'lost'],
  warning_closed: [],
  needs_response: ['under_review', 'won', 'lost'],
  under_review: ['won', 'lost'],
  won: [],
  lost: [],
});

export const OPEN_CHARGEBACK_STATUSES: readonly ChargebackStatus[] = ['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'];

export type DeliveryDisputeStatus = 'open' | 'resolved';
export const deliveryDisputeLifecycle = new StateMachine<DeliveryDisputeStatus>('delivery dispute', { open: ['resolved'], resolved: [] });

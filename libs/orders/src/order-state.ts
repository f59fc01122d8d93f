import { registerEnumType } from '@nestjs/graphql';
import { StateMachine } from '@partsmith/platform';

export enum OrderStatus {
  draft = 'draft',
  awaiting_payment = 'awaiting_payment',
  paid = 'paid',
  in_progress = 'in_progress',
  completed = 'completed',
  cancelled = 'cancelled',
}
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'draft → awaiting_payment → paid → in_progress → completed; cancelled from draft, awaiting_payment, paid (and in_progress by operator policy)',
});

export enum JobLineStatus {
  sourcing = 'sourcing',
  awarded = 'awarded',
  scheduled = 'scheduled',
  in_production = 'in_production',
  shipped = 'shipped',
  delivered = 'delivered',
  accepted = 'accepted',
  paid_out = 'paid_out',
  cancelled = 'cancelled',
  disputed = 'disputed',
}
registerEnumType(JobLineStatus, {
  name: 'JobLineStatus',
  description:
    'sourcing → awarded → scheduled → in_production → shipped → delivered → accepted → paid_out; cancelled before shipping; disputed after shipping (resolved to accepted or cancelled)',
});

/** The order's lifecycle. Cancelling an in-progress order is the operator's partial-refund path. */
export const orderLifecycle = new StateMachine<OrderStatus>('order', {
  draft: [OrderStatus.awaiting_payment, OrderStatus.cancelled],
  awaiting_payment: [OrderStatus.paid, OrderStatus.cancelled],
  paid: [OrderStatus.in_progress, OrderStatus.cancelled],
  in_progress: [OrderStatus.completed, OrderStatus.cancelled],
  completed: [],
  cancelled: [],
});

/**
 * One job line: what sourcing awards to a factory. Cancellation is possible until it ships (after award
 * only by an operator, see the README's cancellation policy); after shipping the designer's way out is a
 * dispute, which an operator resolves by release (→ accepted, then paid out) or refund (→ cancelled).
 */
export const jobLineLifecycle = new StateMachine<JobLineStatus>('job line', {
  sourcing: [JobLineStatus.awarded, JobLineStatus.cancelled],
  awarded: [JobLineStatus.scheduled, JobLineStatus.in_production, JobLineStatus.cancelled], // production may start before the plan is stored
  scheduled: [JobLineStatus.in_production, JobLineStatus.cancelled],
  in_production: [JobLineStatus.shipped, JobLineStatus.cancelled],
  shipped: [JobLineStatus.delivered, JobLineStatus.disputed],
  delivered: [JobLineStatus.accepted, JobLineStatus.disputed],
  accepted: [JobLineStatus.paid_out],
  disputed: [JobLineStatus.accepted, JobLineStatus.cancelled],
  paid_out: [],
  cancelled: [],
});

/** Statuses in which the designer may still cancel (nothing has been awarded to a factory yet). */
export const JOB_LINE_CANCELLABLE_BY_DESIGNER: readonly JobLineStatus[] = [JobLineStatus.sourcing, JobLineStatus.cancelled];

/** A job line in one of these is finished: nothing more happens to it, and the order completes when all are. */
export const JOB_LINE_FINISHED: readonly JobLineStatus[] = [JobLineStatus.paid_out, JobLineStatus.cancelled];

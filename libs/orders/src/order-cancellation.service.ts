import { Injectable } from '@nestjs/common';
import { InputValidationError } from '@partsmith/identity';
import { Payment, PaymentRefund, PaymentsFacade } from '@partsmith/payments';
import { ForbiddenError, type RequestContext } from '@partsmith/platform';
import { JobLine, Order } from './entities';
import { OrderAccess } from './order-access.service';
import { JOB_LINE_CANCELLABLE_BY_DESIGNER, JobLineStatus, OrderStatus } from './order-state';
import { OrderTransitions } from './order-transitions.service';
import { OrderNotCancellableError, type CancelOrderOutcome } from './orders.results';

export const AFTER_AWARD_POLICY =
  'Once a factory has been awarded a line, cancelling is no longer self-service: contact Partsmith operations, who cancel the line (cancelJobLine): in full before production starts, or keeping for the factory what it has already spent once production has started (see "Orders" in the README).';

/**
 * Cancellation before award: the unpaid payment is cancelled or the paid one refunded in full, every job
 * line and the order go to cancelled. After award it is refused with the policy; operators then cancel job
 * lines one by one (libs/production JobLineCancellationService).
 */
@Injectable()
export class OrderCancellationService {
  constructor(
    private readonly access: OrderAccess,
    private readonly payments: PaymentsFacade,
    private readonly transitions: OrderTransitions,
  ) {}

  async cancel(ctx: RequestContext, orderId: string, reason: string): Promise<CancelOrderOutcome> {
    const principal = ctx.requirePrincipal();
    if (principal.role !== 'designer' && !this.access.isOperator(principal)) throw new ForbiddenError('Only the ordering designer (or an operator) can cancel an order');
    const why = reason.trim();
    if (!why || why.length > 1000) return new InputValidationError('reason', 'Give a reason of 1–1000 characters');

    return ctx.transaction(async (db) => {
      const order = await this.access.lockOrder(ctx, orderId);
      if (order.status === OrderStatus.cancelled) return order;
      if (order.status === OrderStatus.completed) return new OrderNotCancellableError(`Order ${order.id} is completed; open a dispute on a delivered line instead`);
      const jobLines = await db.find(JobLine, { where: { orderId: order.id }, order: { createdAt: 'ASC' } });
      const awarded = jobLines.filter((line) => !JOB_LINE_CANCELLABLE_BY_DESIGNER.includes(line.status));
      if (awarded.length > 0 || order.status === OrderStatus.in_progress) {
        return new OrderNotCancellableError(`Order ${order.id} has ${awarded.length || 'a'} line(s) already awarded to a factory. ${AFTER_AWARD_POLICY}`);
      }

      const refused = await this.settleMoney(ctx, order, why);
      if (refused) return refused;
      // The order is cancelled here with the designer's reason, not by its lines following.
      for (const line of jobLines) {
        if (line.status !== JobLineStatus.cancelled) await this.transitions.jobLine(ctx, order, line, JobLineStatus.cancelled, why, { followOrder: false });
      }
      await this.transitions.order(ctx, order, OrderStatus.cancelled, why);
      return db.findOneByOrFail(Order, { id: order.id });
    });
  }

  /** Unpaid: cancel the PaymentIntent. Paid (or captured meanwhile): refund everything, in this transaction. */
  private async settleMoney(ctx: RequestContext, order: Order, reason: string): Promise<OrderNotCancellableError | undefined> {
    if (order.status !== OrderStatus.paid) {
      const cancelled = await this.payments.cancelOrderPayment(ctx, order.id);
      if (cancelled instanceof Payment && cancelled.status === 'canceled') return undefined;
      const payment = await this.payments.paymentOf(ctx, order.id);
      if (!payment) return undefined; // checkout never reached Stripe
      if (payment.status !== 'succeeded') return new OrderNotCancellableError(`The payment could not be cancelled (${'message' in cancelled ? cancelled.message : payment.status}); try again in a moment`);
    }
    const refund = await this.payments.refundOrder(ctx, { orderId: order.id, refundKey: 'cancel', reason: `order cancelled: ${reason}` });
    return refund instanceof PaymentRefund ? undefined : new OrderNotCancellableError(`The refund was refused: ${refund.message}`);
  }
}

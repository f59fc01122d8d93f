import { Injectable, Logger } from '@nestjs/common';
import { PaymentsFacade } from '@partsmith/payments';
import { PermanentJobError, type RequestContext } from '@partsmith/platform';
import { addBusinessDays } from './due-date';
import { JobLine, Order, OrderLine } from './entities';
import { JobLineStatus, OrderStatus } from './order-state';
import { OrderTransitions } from './order-transitions.service';

export interface OrderFunded {
  orderId: string;
  amountMinor: number;
  currency: string;
}

/**
 * What happens when payments reports an order's money captured: the order becomes paid and each line a
 * job line in sourcing. Safe to replay: the order row is locked and only awaiting_payment moves.
 */
@Injectable()
export class OrderFundingService {
  private readonly logger = new Logger(OrderFundingService.name);

  constructor(
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsFacade,
  ) {}

  async funded(ctx: RequestContext, funded: OrderFunded): Promise<void> {
    await ctx.transaction(async (db) => {
      const order = await db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :id', { id: funded.orderId }).getOne();
      if (!order) {
        this.logger.warn(`payment captured for ${funded.orderId}, which is not an order; nothing to do`);
        return;
      }
      switch (order.status) {
        case OrderStatus.awaiting_payment:
          break;
        case OrderStatus.cancelled: {
          // The designer cancelled while the card was being charged: give the money back (same key as the cancellation's refund).
          const refund = await this.payments.refundOrder(ctx, { orderId: order.id, refundKey: 'cancel', reason: 'payment captured after the order was cancelled' });
          if (!('amountMinor' in refund)) this.logger.error(`order ${order.id} was cancelled but its late payment could not be refunded: ${refund.message}`);
          return;
        }
        case OrderStatus.draft:
          throw new PermanentJobError(`order ${order.id} is a draft but its payment was captured`);
        default:
          return; // already paid: a replayed message
      }
      if (funded.amountMinor !== order.totalMinor || funded.currency !== order.currency) {
        throw new PermanentJobError(`order ${order.id} totals ${order.totalMinor} ${order.currency} but ${funded.amountMinor} ${funded.currency} was captured`);
      }
      await this.transitions.order(ctx, order, OrderStatus.paid, 'payment captured');
      const paidAt = new Date();
      const lines = await db.find(OrderLine, { where: { orderId: order.id }, order: { lineNumber: 'ASC' } });
      for (const line of lines) {
        const jobLine = await db.save(
          db.create(JobLine, {
            orderId: order.id,
            orderLineId: line.id,
            organizationId: order.organizationId,
            partId: line.partId,
            partRevisionId: line.partRevisionId,
            configuration: line.configuration,
            quantity: line.quantity,
            dueDate: addBusinessDays(paidAt, line.leadTimeDays),
            requiredCertificates: order.requiredCertificates,
            inspectionLevel: order.inspectionLevel ?? line.configuration.inspection,
            exportControlled: order.exportControlled,
            allowSplitting: order.allowSplitting,
            previewLevel: order.previewLevelBeforeAward,
            status: JobLineStatus.sourcing,
          }),
        );
        await this.transitions.created(ctx, order, jobLine, 'order paid');
      }
    });
  }
}

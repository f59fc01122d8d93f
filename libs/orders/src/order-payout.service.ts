import { Injectable, Logger } from '@nestjs/common';
import { type RequestContext } from '@partsmith/platform';
import { JobLine, Order } from './entities';
import { JobLineStatus } from './order-state';
import { OrderTransitions } from './order-transitions.service';
import { UUID } from './order-access.service';

/**
 * The orders side of a factory transfer: payments tells us (payments.transfer.completed) that the money
 * for a job line reached the factory; an accepted job line becomes paid_out, and the order completes when
 * that was its last open line. Replays and transfers for lines in other states (a cancellation's
 * compensation, say) change nothing.
 */
@Injectable()
export class OrderPayoutService {
  private readonly logger = new Logger(OrderPayoutService.name);

  constructor(private readonly transitions: OrderTransitions) {}

  async transferCompleted(ctx: RequestContext, input: { orderId: string; allocationKey: string; transferId: string }): Promise<void> {
    if (!UUID.test(input.allocationKey)) return; // not a job line's allocation
    await ctx.transaction(async (db) => {
      const order = await db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :id', { id: input.orderId }).getOne();
      if (!order) return;
      const line = await db.findOneBy(JobLine, { id: input.allocationKey, orderId: order.id });
      if (!line) return;
      if (line.status !== JobLineStatus.accepted) {
        this.logger.log(`transfer ${input.transferId} for job line ${line.id} (${line.status}): no status change`);
        return;
      }
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.paid_out, `transfer ${input.transferId} to the factory made`);
    });
  }
}

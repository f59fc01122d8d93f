import { Injectable } from '@nestjs/common';
import { OrderFundedJob } from '@partsmith/payments';
import { JobHandler, type JobRun } from '@partsmith/platform';
import { OrderFundingService } from '../order-funding.service';

/** The orders side of payments' `payments.order.funded` (declared in payments, handled only here). */
@Injectable()
export class OrderFundedHandler {
  constructor(private readonly funding: OrderFundingService) {}

  @JobHandler(OrderFundedJob)
  async handle(payload: { orderId: string; paymentId: string; amountMinor: number; currency: string }, run: JobRun): Promise<void> {
    await this.funding.funded(run.ctx, payload);
  }
}

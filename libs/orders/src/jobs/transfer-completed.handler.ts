import { Injectable } from '@nestjs/common';
import { TransferCompletedJob } from '@partsmith/payments';
import { JobHandler, type JobRun } from '@partsmith/platform';
import { OrderPayoutService } from '../order-payout.service';

/** The orders side of payments' `payments.transfer.completed` (declared in payments, handled only here). */
@Injectable()
export class TransferCompletedHandler {
  constructor(private readonly payouts: OrderPayoutService) {}

  @JobHandler(TransferCompletedJob)
  handle(payload: { orderId: string; allocationKey: string; transferId: string }, run: JobRun): Promise<void> {
    return this.payouts.transferCompleted(run.ctx, payload);
  }
}

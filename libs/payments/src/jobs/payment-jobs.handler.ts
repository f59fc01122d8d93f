import { Inject, Injectable } from '@nestjs/common';
import { JobHandler, PermanentJobError, type JobRun } from '@partsmith/platform';
import type Stripe from 'stripe';
import { ConnectedAccountsService } from '../connected-accounts.service';
import { Payment } from '../entities';
import { EscrowService } from '../escrow.service';
import { processorFee } from '../ledger/ledger';
import { LedgerService } from '../ledger/ledger.service';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from '../processor/payment-processor.port';
import { ReconciliationService } from '../reconciliation.service';
import { RefundsService } from '../refunds.service';
import { TransfersService } from '../transfers.service';
import { AutoReleaseJob, CreateTransferJob, ExecuteRefundJob, NightlyReconciliationJob, ReconcileJob, SyncAccountJob, SyncChargeJob } from './payment-jobs';

/** The payments queue's handlers; each delegates to the service that owns the effect (all idempotent). */
@Injectable()
export class PaymentJobsHandler {
  constructor(
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly ledger: LedgerService,
    private readonly transfers: TransfersService,
    private readonly refunds: RefundsService,
    private readonly escrow: EscrowService,
    private readonly accounts: ConnectedAccountsService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @JobHandler(CreateTransferJob)
  createTransfer({ transferId }: { transferId: string }, run: JobRun): Promise<void> {
    return this.transfers.execute(run.ctx, transferId, run.attempt);
  }

  @JobHandler(ExecuteRefundJob)
  executeRefund({ refundId }: { refundId: string }, run: JobRun): Promise<void> {
    return this.refunds.execute(run.ctx, refundId);
  }

  @JobHandler(AutoReleaseJob)
  autoRelease({ allocationId }: { allocationId: string }, run: JobRun): Promise<void> {
    return this.escrow.autoRelease(run.ctx, allocationId);
  }

  @JobHandler(SyncAccountJob)
  syncAccount({ stripeAccountId }: { stripeAccountId: string }, run: JobRun): Promise<void> {
    return this.accounts.sync(run.ctx, stripeAccountId);
  }

  /** Nobody has to ask: a report is opened every night and every difference it finds is logged and kept. */
  @JobHandler(NightlyReconciliationJob)
  async nightlyReconciliation(_payload: { trigger: string }, run: JobRun): Promise<void> {
    await this.reconciliation.request(run.ctx, null);
  }

  @JobHandler(ReconcileJob)
  reconcile({ reportId }: { reportId: string }, run: JobRun): Promise<void> {
    return this.reconciliation.run(run.ctx, reportId);
  }

  /** Stripe's fee on the charge, and any refunds the ledger has not seen (charge.refunded carries no refund list). */
  @JobHandler(SyncChargeJob)
  async syncCharge({ paymentId }: { paymentId: string }, run: JobRun): Promise<void> {
    const { ctx } = run;
    const payment = await ctx.db.findOneBy(Payment, { id: paymentId });
    if (!payment) throw new PermanentJobError(`payment ${paymentId} does not exist`);
    if (!payment.stripeChargeId) return;
    const charge = await this.processor.retrieveCharge(payment.stripeChargeId);
    const refunds = await this.processor.listRefunds(charge.id);
    await ctx.transaction(async (db) => {
      await db.query(`SELECT id FROM payments WHERE id = $1 FOR UPDATE`, [payment.id]);
      const fee = (charge.balance_transaction as Stripe.BalanceTransaction | null)?.fee ?? 0;
      if (fee > 0) await this.ledger.post(ctx, processorFee({ chargeId: charge.id, orderId: payment.orderId, feeMinor: fee, currency: payment.currency }));
      for (const refund of refunds) await this.refunds.applyRefund(ctx, refund);
    });
  }
}

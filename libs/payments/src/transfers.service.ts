import { Inject, Injectable, Logger } from '@nestjs/common';
import { OutboxService, PermanentJobError, type RequestContext } from '@partsmith/platform';
import type Stripe from 'stripe';
import { ConnectedAccount, EscrowAllocation, FactoryTransfer, Payment } from './entities';
import { TransferCompletedJob } from './jobs/payment-jobs';
import { transferCreated, transferReversed } from './ledger/ledger';
import { LedgerService } from './ledger/ledger.service';
import { transferLifecycle, type TransferStatus } from './payment-state';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';
import { isPermanentProcessorError, processorMessage } from './processor/processor-errors';

/** Transfers to factories' connected accounts: making them exactly once, and what Stripe says about them. */
@Injectable()
export class TransfersService {
  private readonly logger = new Logger(TransfersService.name);

  constructor(
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
  ) {}

  private lock(ctx: RequestContext, where: string, value: string): Promise<FactoryTransfer | null> {
    return ctx.db.createQueryBuilder(FactoryTransfer, 't').setLock('pessimistic_write').where(where, { value }).getOne();
  }

  /**
   * The job: holds the transfer row's lock across the Stripe call, so concurrent runs wait and then find
   * it done. The idempotency key was stored with the row; a retry after Stripe forgot the key (24 h)
   * first looks for a transfer carrying our id in the transfer group.
   */
  async execute(ctx: RequestContext, transferId: string, attempt: number): Promise<void> {
    await ctx.transaction(async (db) => {
      const transfer = await this.lock(ctx, 't.id = :value', transferId);
      if (!transfer) throw new PermanentJobError(`factory transfer ${transferId} does not exist`);
      if (transfer.status !== 'pending') return;
      const payment = await db.findOneByOrFail(Payment, { id: transfer.paymentId });
      const account = await db.findOneBy(ConnectedAccount, { organizationId: transfer.factoryOrganizationId });
      if (!account?.stripeAccountId) {
        await this.fail(ctx, transfer, 'The factory has no Stripe account; it must finish onboarding before it can be paid');
        return;
      }
      await db.query(`UPDATE factory_transfers SET attempts = attempts + 1, destination_account_id = $2, updated_at = now() WHERE id = $1`, [transfer.id, account.stripeAccountId]);
      let made: Stripe.Transfer | undefined;
      if (attempt > 1 || transfer.attempts > 0) {
        made = (await this.processor.listTransfers({ transferGroup: transfer.orderId })).find((t) => t.metadata?.partsmith_transfer_id === transfer.id);
      }
      try {
        made ??= await this.processor.createTransfer({
          amountMinor: transfer.amountMinor,
          currency: transfer.currency,
          destination: account.stripeAccountId,
          sourceTransaction: payment.stripeChargeId!,
          transferGroup: transfer.orderId,
          metadata: { partsmith_transfer_id: transfer.id, order_id: transfer.orderId, factory_organization_id: transfer.factoryOrganizationId },
          idempotencyKey: transfer.idempotencyKey,
        });
      } catch (error) {
        if (!isPermanentProcessorError(error)) throw error; // retried by the job, with the same key
        await this.fail(ctx, transfer, `Stripe refused the transfer: ${processorMessage(error)}`);
        return;
      }
      await this.recordCreated(ctx, transfer, made);
    });
  }

  private async fail(ctx: RequestContext, transfer: FactoryTransfer, reason: string): Promise<void> {
    this.logger.error(`transfer ${transfer.id} failed: ${reason}`);
    transferLifecycle.transition(transfer.status, 'failed');
    await ctx.db.query(`UPDATE factory_transfers SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`, [transfer.id, reason.slice(0, 1000)]);
  }

  /** An operator's retry of a failed transfer (after the factory finished onboarding, say). */
  async retry(ctx: RequestContext, transfer: FactoryTransfer): Promise<boolean> {
    if (transfer.status !== 'failed') return false;
    await ctx.db.query(`UPDATE factory_transfers SET status = 'pending', last_error = NULL, updated_at = now() WHERE id = $1 AND status = 'failed'`, [transfer.id]);
    return true;
  }

  private async recordCreated(ctx: RequestContext, transfer: FactoryTransfer, made: Stripe.Transfer): Promise<void> {
    if (transfer.status === 'pending' || transfer.status === 'failed') {
      transferLifecycle.transition(transfer.status, 'created');
      await ctx.db.query(
        `UPDATE factory_transfers SET status = 'created', stripe_transfer_id = $2, destination_account_id = $3, last_error = NULL, updated_at = now() WHERE id = $1`,
        [transfer.id, made.id, typeof made.destination === 'string' ? made.destination : made.destination?.id],
      );
      transfer.status = 'created';
      transfer.stripeTransferId = made.id;
      const allocation = await ctx.db.findOneByOrFail(EscrowAllocation, { id: transfer.allocationId });
      await this.outbox.add(ctx, TransferCompletedJob, {
        orderId: transfer.orderId,
        allocationKey: allocation.allocationKey,
        transferId: transfer.id,
        amountMinor: transfer.amountMinor,
        currency: transfer.currency,
      });
    }
    await this.ledger.post(
      ctx,
      transferCreated({ transferId: made.id, orderId: transfer.orderId, factoryOrganizationId: transfer.factoryOrganizationId, amountMinor: made.amount, currency: transfer.currency }),
    );
  }

  /** transfer.created / updated / reversed, in any order, any number of times. */
  async applyTransfer(ctx: RequestContext, made: Stripe.Transfer): Promise<void> {
    const transfer =
      (await this.lock(ctx, 't.stripe_transfer_id = :value', made.id)) ??
      (made.metadata?.partsmith_transfer_id ? await this.lock(ctx, 't.id::text = :value', made.metadata.partsmith_transfer_id) : null);
    if (!transfer) {
      this.logger.warn(`transfer ${made.id} is not one of ours; reconciliation will report it`);
      return;
    }
    await this.recordCreated(ctx, transfer, made);
    for (const reversal of made.reversals?.data ?? []) await this.recordReversal(ctx, transfer, reversal);
  }

  /** Posts a reversal once (by Stripe's id) and keeps the transfer's reversed amount and status in step. */
  async recordReversal(ctx: RequestContext, transfer: FactoryTransfer, reversal: Stripe.TransferReversal): Promise<void> {
    const posted = await this.ledger.post(
      ctx,
      transferReversed({ reversalId: reversal.id, orderId: transfer.orderId, factoryOrganizationId: transfer.factoryOrganizationId, amountMinor: reversal.amount, currency: transfer.currency }),
    );
    if (reversal.metadata?.partsmith_reversal_id) {
      await ctx.db.query(`UPDATE transfer_reversals SET status = 'succeeded', stripe_reversal_id = $2, updated_at = now() WHERE id::text = $1`, [
        reversal.metadata.partsmith_reversal_id,
        reversal.id,
      ]);
    }
    if (!posted) return;
    const reversed = transfer.reversedMinor + reversal.amount;
    const status: TransferStatus = reversed >= transfer.amountMinor ? 'reversed' : 'partially_reversed';
    transferLifecycle.transition(transfer.status, status);
    await ctx.db.query(`UPDATE factory_transfers SET reversed_minor = $2, status = $3, updated_at = now() WHERE id = $1`, [transfer.id, reversed, status]);
    transfer.reversedMinor = reversed;
    transfer.status = status;
  }
}

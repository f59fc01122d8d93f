import { Inject, Injectable, Logger } from '@nestjs/common';
import { OutboxService, PermanentJobError, type RequestContext } from '@partsmith/platform';
import type Stripe from 'stripe';
import { CheckoutService } from './checkout.service';
import { EscrowAllocation, FactoryTransfer, Payment, PaymentRefund, TransferReversal } from './entities';
import { ExecuteRefundJob } from './jobs/payment-jobs';
import { escrowReturn, refundFailed, refundRequested, refundSettled } from './ledger/ledger';
import { LedgerService } from './ledger/ledger.service';
import { OPEN_CHARGEBACK_STATUSES, refundLifecycle, type RefundStatus } from './payment-state';
import { PaymentNotFoundError, RefundRefusedError } from './payments.results';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';
import { isPermanentProcessorError, processorMessage } from './processor/processor-errors';
import { TransfersService } from './transfers.service';

export interface RefundOrderInput {
  orderId: string;
  /** The caller's name for this refund (e.g. "cancel", "dispute:<id>"): the same key twice is one refund. */
  refundKey: string;
  /** Default: everything not yet refunded. */
  amountMinor?: number;
  reason: string;
}

const STRIPE_REFUND_STATUS: Record<string, RefundStatus> = {
  pending: 'pending',
  requires_action: 'pending',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
};

/**
 * Refunds, full or partial. Money still in escrow is refunded directly; after a transfer, the transfer is
 * reversed first (then the platform's fee is given back if that is not enough), and only then refunded.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
    private readonly checkout: CheckoutService,
    private readonly transfers: TransfersService,
  ) {}

  /** Decides a refund (ledger + rows + job) in the caller's transaction; the job talks to Stripe after commit. */
  async refundOrder(ctx: RequestContext, input: RefundOrderInput): Promise<PaymentRefund | PaymentNotFoundError | RefundRefusedError> {
    return ctx.transaction(async (db) => {
      const [locked] = await db.query(`SELECT id FROM payments WHERE order_id = $1 FOR UPDATE`, [input.orderId]);
      if (!locked) return new PaymentNotFoundError(`Order ${input.orderId} has no payment`);
      const payment = await db.findOneByOrFail(Payment, { id: locked.id });
      const existing = await db.findOneBy(PaymentRefund, { paymentId: payment.id, refundKey: input.refundKey });
      if (existing) return existing;
      if (payment.status !== 'succeeded') return new RefundRefusedError(`The payment of order ${input.orderId} is ${payment.status}; only captured payments are refunded (cancel an unpaid one)`);
      const [open] = await db.query(`SELECT 1 FROM chargebacks WHERE order_id = $1 AND status = ANY($2) LIMIT 1`, [input.orderId, OPEN_CHARGEBACK_STATUSES]);
      if (open) return new RefundRefusedError('A chargeback is open on this payment; the card network returns the money, a refund cannot');
      const summary = await this.ledger.orderSummary(ctx, payment.orderId, payment.currency);
      const refundable = summary.capturedMinor - summary.refundedMinor;
      const amount = input.amountMinor ?? refundable;
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > refundable) {
        return new RefundRefusedError(`A refund of ${amount} is not possible: ${refundable} ${payment.currency} of this payment is refundable`);
      }

      // Take back what was released, if the held funds are not enough: the factory's transfer first, then the fee.
      let shortfall = amount - summary.heldMinor;
      const returns: Array<{ allocation: EscrowAllocation; transfer: FactoryTransfer | null; fromFactory: number; fromFee: number }> = [];
      if (shortfall > 0) {
        const allocations = await db
          .createQueryBuilder(EscrowAllocation, 'a')
          .setLock('pessimistic_write')
          .where('a.order_id = :orderId AND a.released_gross_minor > 0', { orderId: payment.orderId })
          .orderBy('a.created_at', 'DESC')
          .getMany();
        for (const allocation of allocations) {
          if (shortfall <= 0) break;
          const transfer = await db.createQueryBuilder(FactoryTransfer, 't').setLock('pessimistic_write').where('t.allocation_id = :id', { id: allocation.id }).getOne();
          if (transfer && !['created', 'partially_reversed', 'reversed'].includes(transfer.status) && allocation.releasedPayoutMinor > 0) {
            return new RefundRefusedError(`The transfer to the factory for ${allocation.allocationKey} is ${transfer.status}; try again once it is made`);
          }
          const [pending] = await db.query(`SELECT coalesce(sum(amount_minor), 0)::bigint AS n FROM transfer_reversals WHERE transfer_id = $1 AND status = 'pending'`, [transfer?.id ?? null]);
          const reversible = transfer ? Math.min(allocation.releasedPayoutMinor, transfer.amountMinor - transfer.reversedMinor - Number(pending.n)) : 0;
          const fromFactory = Math.max(0, Math.min(shortfall, reversible));
          const fromFee = Math.max(0, Math.min(shortfall - fromFactory, allocation.releasedGrossMinor - allocation.releasedPayoutMinor));
          if (fromFactory + fromFee === 0) continue;
          returns.push({ allocation, transfer, fromFactory, fromFee });
          shortfall -= fromFactory + fromFee;
        }
        if (shortfall > 0) return new RefundRefusedError(`Only ${amount - shortfall} of the ${amount} requested can be refunded or taken back from the factory`);
      }

      const refund = await db.save(
        db.create(PaymentRefund, {
          paymentId: payment.id,
          orderId: payment.orderId,
          refundKey: input.refundKey,
          amountMinor: amount,
          currency: payment.currency,
          reason: input.reason.slice(0, 500),
          idempotencyKey: `order:${payment.orderId}:refund:${input.refundKey}`,
          status: 'pending',
        }),
      );
      for (const { allocation, transfer, fromFactory, fromFee } of returns) {
        await this.ledger.post(
          ctx,
          escrowReturn({
            key: `refund:${refund.id}:return:${allocation.id}`,
            orderId: payment.orderId,
            factoryOrganizationId: allocation.factoryOrganizationId,
            fromFactoryMinor: fromFactory,
            fromFeeMinor: fromFee,
            currency: payment.currency,
          }),
        );
        await db.query(`UPDATE escrow_allocations SET released_gross_minor = released_gross_minor - $2, released_payout_minor = released_payout_minor - $3, updated_at = now() WHERE id = $1`, [
          allocation.id,
          fromFactory + fromFee,
          fromFactory,
        ]);
        if (transfer && fromFactory > 0) {
          const [row] = await db.query(`INSERT INTO transfer_reversals (transfer_id, refund_id, amount_minor, idempotency_key) VALUES ($1, $2, $3, 'pending:' || gen_random_uuid()) RETURNING id`, [
            transfer.id,
            refund.id,
            fromFactory,
          ]);
          await db.query(`UPDATE transfer_reversals SET idempotency_key = $2 WHERE id = $1`, [row.id, `transfer:${transfer.id}:reversal:${row.id}`]);
        }
      }
      const held = await this.ledger.heldMinor(ctx, payment.orderId, payment.currency);
      await this.ledger.post(ctx, refundRequested({ refundId: refund.id, orderId: payment.orderId, amountMinor: amount, heldMinor: held, currency: payment.currency }));
      await this.outbox.add(ctx, ExecuteRefundJob, { refundId: refund.id });
      return refund;
    });
  }

  /** The job: reversals first (each under its stored key), then the refund (under its stored key). */
  async execute(ctx: RequestContext, refundId: string): Promise<void> {
    const reversals = await ctx.db.find(TransferReversal, { where: { refundId, status: 'pending' }, order: { createdAt: 'ASC' } });
    for (const pending of reversals) {
      await ctx.transaction(async (db) => {
        const transfer = await db.createQueryBuilder(FactoryTransfer, 't').setLock('pessimistic_write').where('t.id = :id', { id: pending.transferId }).getOneOrFail();
        const reversal = await db.findOneByOrFail(TransferReversal, { id: pending.id });
        if (reversal.status !== 'pending') return;
        let made: Stripe.TransferReversal;
        try {
          made = await this.processor.reverseTransfer({
            transferId: transfer.stripeTransferId!,
            amountMinor: reversal.amountMinor,
            metadata: { partsmith_reversal_id: reversal.id, partsmith_refund_id: refundId },
            idempotencyKey: reversal.idempotencyKey,
          });
        } catch (error) {
          if (isPermanentProcessorError(error)) throw new PermanentJobError(`Stripe refused to reverse transfer ${transfer.stripeTransferId}: ${processorMessage(error)}`);
          throw error;
        }
        await this.transfers.recordReversal(ctx, transfer, made);
      });
    }
    await ctx.transaction(async (db) => {
      const refund = await db.createQueryBuilder(PaymentRefund, 'r').setLock('pessimistic_write').where('r.id = :id', { id: refundId }).getOne();
      if (!refund) throw new PermanentJobError(`refund ${refundId} does not exist`);
      if (refund.stripeRefundId || refund.status !== 'pending') return;
      const payment = await db.findOneByOrFail(Payment, { id: refund.paymentId });
      let made: Stripe.Refund;
      try {
        made = await this.processor.createRefund({
          paymentIntentId: payment.stripePaymentIntentId!,
          amountMinor: refund.amountMinor,
          metadata: { partsmith_refund_id: refund.id, order_id: refund.orderId },
          idempotencyKey: refund.idempotencyKey,
        });
      } catch (error) {
        if (!isPermanentProcessorError(error)) throw error;
        // Stripe will not refund: the money is held again and an operator sees the failed refund.
        await this.settle(ctx, refund, 'failed', processorMessage(error));
        return;
      }
      await db.query(`UPDATE payment_refunds SET stripe_refund_id = $2, updated_at = now() WHERE id = $1`, [refund.id, made.id]);
      await this.settle(ctx, refund, STRIPE_REFUND_STATUS[made.status ?? 'pending'] ?? 'pending', made.failure_reason ?? null);
    });
  }

  /** refund.created / updated / failed and refunds found by the charge sync. Refunds made outside Partsmith are recorded too. */
  async applyRefund(ctx: RequestContext, made: Stripe.Refund): Promise<void> {
    const chargeId = typeof made.charge === 'string' ? made.charge : (made.charge?.id ?? null);
    const intentId = typeof made.payment_intent === 'string' ? made.payment_intent : (made.payment_intent?.id ?? null);
    const payment = chargeId ? await this.checkout.lockByCharge(ctx, chargeId, intentId) : null;
    if (!payment) {
      this.logger.warn(`refund ${made.id} is not for one of our payments; ignored`);
      return;
    }
    if (chargeId) await this.checkout.ensureCaptured(ctx, payment, chargeId);
    let refund =
      (await ctx.db.findOneBy(PaymentRefund, { stripeRefundId: made.id })) ??
      (made.metadata?.partsmith_refund_id ? await ctx.db.findOneBy(PaymentRefund, { id: made.metadata.partsmith_refund_id }) : null);
    if (!refund) {
      refund = await ctx.db.save(
        ctx.db.create(PaymentRefund, {
          paymentId: payment.id,
          orderId: payment.orderId,
          refundKey: `stripe:${made.id}`,
          amountMinor: made.amount,
          currency: payment.currency,
          reason: `made outside Partsmith (${made.reason ?? 'no reason given'})`,
          idempotencyKey: `stripe:${made.id}`,
          stripeRefundId: made.id,
          status: 'pending',
        }),
      );
      const held = await this.ledger.heldMinor(ctx, payment.orderId, payment.currency);
      await this.ledger.post(ctx, refundRequested({ refundId: refund.id, orderId: payment.orderId, amountMinor: made.amount, heldMinor: held, currency: payment.currency }));
    } else if (!refund.stripeRefundId) {
      await ctx.db.query(`UPDATE payment_refunds SET stripe_refund_id = $2 WHERE id = $1`, [refund.id, made.id]);
    }
    await this.settle(ctx, refund, STRIPE_REFUND_STATUS[made.status ?? 'pending'] ?? 'pending', made.failure_reason ?? null);
  }

  private async settle(ctx: RequestContext, refund: PaymentRefund, target: RefundStatus, failure: string | null): Promise<void> {
    if (refund.status === target || !refundLifecycle.canTransition(refund.status, target)) return;
    await ctx.db.query(`UPDATE payment_refunds SET status = $2, failure_reason = $3, updated_at = now() WHERE id = $1`, [refund.id, target, failure]);
    const base = { refundId: refund.id, orderId: refund.orderId, amountMinor: refund.amountMinor, currency: refund.currency };
    if (target === 'succeeded') await this.ledger.post(ctx, refundSettled(base));
    if (target === 'failed' || target === 'canceled') {
      const settled = await this.ledger.has(ctx, `refund:${refund.id}:settled`);
      await this.ledger.post(ctx, refundFailed({ ...base, settled }));
    }
    refund.status = target;
  }
}

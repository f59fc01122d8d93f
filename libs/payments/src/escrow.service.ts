import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, InvalidInputError, OutboxService, PermanentJobError, type AppConfig, type RequestContext } from '@partsmith/platform';
import { ChargebacksService } from './chargebacks.service';
import { ConnectedAccount, DeliveryDispute, DisputeResolutionEnum, EscrowAllocation, Payment } from './entities';
import { autoReleaseAt, decideRelease, splitAmounts, type ReleaseTrigger } from './escrow/escrow-policy';
import { AutoReleaseJob, CreateTransferJob } from './jobs/payment-jobs';
import { release } from './ledger/ledger';
import { LedgerService } from './ledger/ledger.service';
import { allocationLifecycle, deliveryDisputeLifecycle, type AllocationStatus } from './payment-state';
import {
  DisputeAlreadyResolvedError,
  FactoryCannotReceiveTransfersError,
  InvalidSplitError,
  isPaymentError,
  PaymentMismatchError,
  PaymentNotFoundError,
  RefundRefusedError,
  ReleaseRefusedError,
} from './payments.results';
import { RefundsService } from './refunds.service';

export interface RegisterAllocationInput {
  orderId: string;
  /** The orders context's id for this share (an award or job line id): one allocation per key. */
  allocationKey: string;
  factoryOrganizationId: string;
  /** What the designer paid for this share (minor units of the payment's currency). */
  grossMinor: number;
  /** What the factory is paid for it; gross − payout is the platform fee. */
  payoutMinor: number;
  /** The order requires an inspection level: release also needs the inspection evidence. */
  inspectionRequired: boolean;
}

export interface AllocationRef {
  orderId: string;
  allocationKey: string;
}

type ReleaseResult = EscrowAllocation | ReleaseRefusedError | FactoryCannotReceiveTransfersError | PaymentNotFoundError;

/** The escrow policy applied: allocations, delivery, acceptance, automatic release, delivery disputes. */
@Injectable()
export class EscrowService {
  private readonly logger = new Logger(EscrowService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
    private readonly chargebacks: ChargebacksService,
    private readonly refunds: RefundsService,
  ) {}

  async registerAllocation(ctx: RequestContext, input: RegisterAllocationInput): Promise<EscrowAllocation | PaymentNotFoundError | PaymentMismatchError> {
    for (const [name, value] of [['grossMinor', input.grossMinor], ['payoutMinor', input.payoutMinor]] as const) {
      if (!Number.isSafeInteger(value) || value < 0) throw new InvalidInputError(`${name} must be a non-negative integer (got ${value})`);
    }
    if (input.grossMinor <= 0 || input.payoutMinor > input.grossMinor) throw new InvalidInputError('payoutMinor must be at most grossMinor, and grossMinor positive');
    return ctx.transaction(async (db) => {
      const [locked] = await db.query(`SELECT id FROM payments WHERE order_id = $1 FOR UPDATE`, [input.orderId]);
      if (!locked) return new PaymentNotFoundError(`Order ${input.orderId} has no payment`);
      const payment = await db.findOneByOrFail(Payment, { id: locked.id });
      const existing = await db.findOneBy(EscrowAllocation, { orderId: input.orderId, allocationKey: input.allocationKey });
      if (existing) {
        const same = existing.factoryOrganizationId === input.factoryOrganizationId && existing.grossMinor === input.grossMinor && existing.payoutMinor === input.payoutMinor;
        return same ? existing : new PaymentMismatchError(`Allocation ${input.allocationKey} of order ${input.orderId} exists with other terms`);
      }
      const [{ total }] = await db.query(`SELECT coalesce(sum(gross_minor), 0)::bigint AS total FROM escrow_allocations WHERE payment_id = $1 AND status <> 'refunded'`, [payment.id]);
      if (Number(total) + input.grossMinor > payment.amountMinor) {
        return new PaymentMismatchError(`Allocations of order ${input.orderId} would exceed its payment of ${payment.amountMinor} ${payment.currency}`);
      }
      return db.save(
        db.create(EscrowAllocation, {
          paymentId: payment.id,
          orderId: payment.orderId,
          allocationKey: input.allocationKey,
          factoryOrganizationId: input.factoryOrganizationId,
          currency: payment.currency,
          grossMinor: input.grossMinor,
          payoutMinor: input.payoutMinor,
          inspectionRequired: input.inspectionRequired,
          status: 'held',
          releasedGrossMinor: 0,
          releasedPayoutMinor: 0,
        }),
      );
    });
  }

  /** The part arrived: automatic release is scheduled ESCROW_AUTO_RELEASE_DAYS later. */
  async recordDelivery(ctx: RequestContext, ref: AllocationRef & { deliveredAt?: Date; inspectionEvidence?: boolean }): Promise<EscrowAllocation | PaymentNotFoundError> {
    return ctx.transaction(async (db) => {
      const allocation = await this.lockAllocation(ctx, ref);
      if (!allocation) return new PaymentNotFoundError(`Order ${ref.orderId} has no allocation ${ref.allocationKey}`);
      const deliveredAt = allocation.deliveredAt ?? ref.deliveredAt ?? new Date();
      const due = autoReleaseAt(deliveredAt, this.config.payments.escrowAutoReleaseDays);
      const status: AllocationStatus = allocation.status === 'held' ? allocationLifecycle.transition('held', 'delivered') : allocation.status;
      await db.query(
        `UPDATE escrow_allocations SET status = $2, delivered_at = $3, auto_release_at = $4,
                inspection_evidence_at = CASE WHEN $5 THEN coalesce(inspection_evidence_at, now()) ELSE inspection_evidence_at END, updated_at = now()
          WHERE id = $1`,
        [allocation.id, status, deliveredAt, due, ref.inspectionEvidence === true],
      );
      if (!allocation.deliveredAt) await this.outbox.add(ctx, AutoReleaseJob, { allocationId: allocation.id }, { delayMs: Math.max(0, due.getTime() - Date.now()) });
      return db.findOneByOrFail(EscrowAllocation, { id: allocation.id });
    });
  }

  async recordInspectionEvidence(ctx: RequestContext, ref: AllocationRef): Promise<EscrowAllocation | PaymentNotFoundError> {
    return ctx.transaction(async (db) => {
      const allocation = await this.lockAllocation(ctx, ref);
      if (!allocation) return new PaymentNotFoundError(`Order ${ref.orderId} has no allocation ${ref.allocationKey}`);
      await db.query(`UPDATE escrow_allocations SET inspection_evidence_at = coalesce(inspection_evidence_at, now()), updated_at = now() WHERE id = $1`, [allocation.id]);
      // The automatic release may have been due and waiting for this.
      if (allocation.autoReleaseAt && allocation.autoReleaseAt.getTime() <= Date.now() && allocation.status === 'delivered') {
        await this.outbox.add(ctx, AutoReleaseJob, { allocationId: allocation.id });
      }
      return db.findOneByOrFail(EscrowAllocation, { id: allocation.id });
    });
  }

  /** The designer accepted the delivery: release now (policy permitting). */
  acceptDelivery(ctx: RequestContext, ref: AllocationRef): Promise<ReleaseResult> {
    return this.release(ctx, ref, 'acceptance');
  }

  /** The automatic-release job. */
  async autoRelease(ctx: RequestContext, allocationId: string): Promise<void> {
    const allocation = await ctx.db.findOneBy(EscrowAllocation, { id: allocationId });
    if (!allocation) throw new PermanentJobError(`escrow allocation ${allocationId} does not exist`);
    const result = await this.release(ctx, allocation, 'auto');
    if (result instanceof ReleaseRefusedError) {
      if (allocation.autoReleaseAt && allocation.autoReleaseAt.getTime() > Date.now() && result.message.startsWith('Automatic release is due')) {
        await this.outbox.add(ctx, AutoReleaseJob, { allocationId }, { delayMs: allocation.autoReleaseAt.getTime() - Date.now() });
      }
      this.logger.log(`automatic release of allocation ${allocationId} not done: ${result.message}`);
    } else if (isPaymentError(result)) {
      this.logger.warn(`automatic release of allocation ${allocationId} not done: ${result.message}`);
    }
  }

  /**
   * Releases an allocation (or, for an operator's split, part of it): ledger release entry, status, and a
   * transfer row whose job sends the money. Serialised on the payment row, so concurrent attempts give one
   * release and one transfer.
   */
  async release(ctx: RequestContext, ref: AllocationRef, trigger: ReleaseTrigger, split?: { grossMinor: number; payoutMinor: number }): Promise<ReleaseResult> {
    return ctx.transaction(async (db) => {
      // Queue concurrent attempts on one lock per order, ahead of the row locks.
      await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`payments:order:${ref.orderId}`]);
      const [locked] = await db.query(`SELECT id FROM payments WHERE order_id = $1 FOR UPDATE`, [ref.orderId]);
      if (!locked) return new PaymentNotFoundError(`Order ${ref.orderId} has no payment`);
      const payment = await db.findOneByOrFail(Payment, { id: locked.id });
      const allocation = await this.lockAllocation(ctx, ref);
      if (!allocation) return new PaymentNotFoundError(`Order ${ref.orderId} has no allocation ${ref.allocationKey}`);
      const grossMinor = split?.grossMinor ?? allocation.grossMinor;
      const payoutMinor = split?.payoutMinor ?? allocation.payoutMinor;
      const [openDispute] = await db.query(`SELECT 1 FROM delivery_disputes WHERE allocation_id = $1 AND status = 'open'`, [allocation.id]);
      const decision = decideRelease({
        trigger,
        now: new Date(),
        status: allocation.status,
        paymentSucceeded: payment.status === 'succeeded',
        autoReleaseAt: allocation.autoReleaseAt,
        openChargeback: await this.chargebacks.hasOpenChargeback(ctx, payment.orderId),
        openDeliveryDispute: Boolean(openDispute),
        inspectionRequired: allocation.inspectionRequired,
        inspectionEvidence: allocation.inspectionEvidenceAt !== null,
        heldMinor: await this.ledger.heldMinor(ctx, payment.orderId, payment.currency),
        grossMinor,
      });
      if (!decision.release) return new ReleaseRefusedError(decision.message);
      if (payoutMinor > 0) {
        const account = await db.findOneBy(ConnectedAccount, { organizationId: allocation.factoryOrganizationId });
        if (account?.transfersCapability !== 'active' || !account.stripeAccountId) {
          return new FactoryCannotReceiveTransfersError('The factory’s Stripe account cannot receive transfers yet (onboarding not finished); the money stays in escrow');
        }
      }
      const target: AllocationStatus = split ? 'split' : 'released';
      allocationLifecycle.transition(allocation.status, target);
      if (grossMinor > 0) {
        await this.ledger.post(
          ctx,
          release({ key: `allocation:${allocation.id}:release`, orderId: payment.orderId, factoryOrganizationId: allocation.factoryOrganizationId, grossMinor, payoutMinor, currency: payment.currency }),
        );
      }
      await db.query(
        `UPDATE escrow_allocations SET status = $2, released_gross_minor = $3, released_payout_minor = $4, settled_at = now(),
                accepted_at = CASE WHEN $5 THEN now() ELSE accepted_at END, updated_at = now() WHERE id = $1`,
        [allocation.id, target, grossMinor, payoutMinor, trigger === 'acceptance'],
      );
      if (payoutMinor > 0) {
        const [transfer] = await db.query(
          `INSERT INTO factory_transfers (allocation_id, payment_id, order_id, factory_organization_id, amount_minor, currency, idempotency_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (allocation_id) DO NOTHING RETURNING id`,
          [allocation.id, payment.id, payment.orderId, allocation.factoryOrganizationId, payoutMinor, payment.currency, `order:${payment.orderId}:transfer:${allocation.allocationKey}:1`],
        );
        if (transfer) await this.outbox.add(ctx, CreateTransferJob, { transferId: transfer.id });
      }
      return db.findOneByOrFail(EscrowAllocation, { id: allocation.id });
    });
  }

  /** The designer (or the factory) disputes a delivery: the release is frozen until an operator decides. */
  async openDeliveryDispute(ctx: RequestContext, ref: AllocationRef & { reason: string; openedByOrganizationId: string }): Promise<DeliveryDispute | PaymentNotFoundError | ReleaseRefusedError> {
    return ctx.transaction(async (db) => {
      const allocation = await this.lockAllocation(ctx, ref);
      if (!allocation) return new PaymentNotFoundError(`Order ${ref.orderId} has no allocation ${ref.allocationKey}`);
      const open = await db.findOneBy(DeliveryDispute, { allocationId: allocation.id, status: 'open' });
      if (open) return open;
      if (!allocationLifecycle.canTransition(allocation.status, 'disputed')) return new ReleaseRefusedError(`The escrow is already settled (${allocation.status})`);
      await db.query(`UPDATE escrow_allocations SET status = 'disputed', updated_at = now() WHERE id = $1`, [allocation.id]);
      return db.save(
        db.create(DeliveryDispute, {
          allocationId: allocation.id,
          orderId: allocation.orderId,
          openedByOrganizationId: ref.openedByOrganizationId,
          reason: ref.reason.slice(0, 2000),
          status: 'open',
        }),
      );
    });
  }

  /** An operator's decision: release to the factory, refund the designer, or split by percentage. */
  async resolveDeliveryDispute(
    ctx: RequestContext,
    input: { disputeId: string; resolution: DisputeResolutionEnum; factoryPercent?: number | null; resolvedBy: string | null },
  ): Promise<DeliveryDispute | DisputeAlreadyResolvedError | InvalidSplitError | ReleaseRefusedError | RefundRefusedError | FactoryCannotReceiveTransfersError | PaymentNotFoundError> {
    return ctx.transaction(async (db) => {
      const dispute = await db.createQueryBuilder(DeliveryDispute, 'd').setLock('pessimistic_write').where('d.id = :id', { id: input.disputeId }).getOne();
      if (!dispute) return new PaymentNotFoundError(`Delivery dispute ${input.disputeId} does not exist`);
      if (dispute.status !== 'open') return new DisputeAlreadyResolvedError(`This dispute was already resolved (${dispute.resolution})`);
      const allocation = await db.findOneByOrFail(EscrowAllocation, { id: dispute.allocationId });
      const ref = { orderId: allocation.orderId, allocationKey: allocation.allocationKey };
      let factoryPercent: number;
      if (input.resolution === DisputeResolutionEnum.split) {
        if (input.factoryPercent == null || !Number.isInteger(input.factoryPercent) || input.factoryPercent <= 0 || input.factoryPercent >= 100) {
          return new InvalidSplitError('A split needs factoryPercent, a whole number from 1 to 99 (use release or refund for 100 or 0)');
        }
        factoryPercent = input.factoryPercent;
      } else {
        factoryPercent = input.resolution === DisputeResolutionEnum.release ? 100 : 0;
      }
      deliveryDisputeLifecycle.transition('open', 'resolved');
      await db.query(`UPDATE delivery_disputes SET status = 'resolved', resolution = $2, factory_percent = $3, resolved_by = $4, resolved_at = now() WHERE id = $1`, [
        dispute.id,
        input.resolution,
        factoryPercent,
        input.resolvedBy,
      ]);
      const amounts = splitAmounts(allocation.grossMinor, allocation.payoutMinor, factoryPercent);
      if (factoryPercent > 0) {
        const released = await this.release(ctx, ref, 'operator', factoryPercent === 100 ? undefined : { grossMinor: amounts.releasedGrossMinor, payoutMinor: amounts.payoutMinor });
        if (isPaymentError(released)) {
          await db.query(`UPDATE delivery_disputes SET status = 'open', resolution = NULL, factory_percent = NULL, resolved_by = NULL, resolved_at = NULL WHERE id = $1`, [dispute.id]);
          return released;
        }
      } else {
        allocationLifecycle.transition(allocation.status, 'refunded');
        await db.query(`UPDATE escrow_allocations SET status = 'refunded', settled_at = now(), updated_at = now() WHERE id = $1`, [allocation.id]);
      }
      if (amounts.refundMinor > 0) {
        const refund = await this.refunds.refundOrder(ctx, { orderId: allocation.orderId, refundKey: `delivery-dispute:${dispute.id}`, amountMinor: amounts.refundMinor, reason: `delivery dispute ${dispute.id}: ${input.resolution}` });
        if (isPaymentError(refund)) throw new InvalidInputError(`The refund of the dispute could not be made: ${refund.message}`); // rolls the decision back
      }
      return db.findOneByOrFail(DeliveryDispute, { id: dispute.id });
    });
  }

  /**
   * An operator cancelled the factory's share before it shipped: the factory keeps `compensationMinor` for
   * the work it has done (paid out in full — the platform takes no fee on a cancelled job) and the designer
   * gets the rest of the share's gross back. Idempotent on the allocation: a settled one is refused.
   */
  async settleCancelledAllocation(
    ctx: RequestContext,
    ref: AllocationRef & { compensationMinor: number; reason: string },
  ): Promise<{ refundMinor: number; compensationMinor: number; currency: string } | PaymentNotFoundError | ReleaseRefusedError | RefundRefusedError | FactoryCannotReceiveTransfersError> {
    return ctx.transaction(async (db) => {
      // The same lock order as release(): the order's advisory lock and the payment row before the allocation.
      await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`payments:order:${ref.orderId}`]);
      await db.query(`SELECT id FROM payments WHERE order_id = $1 FOR UPDATE`, [ref.orderId]);
      const allocation = await this.lockAllocation(ctx, ref);
      if (!allocation) return new PaymentNotFoundError(`Order ${ref.orderId} has no allocation ${ref.allocationKey}`);
      if (allocation.status !== 'held') return new ReleaseRefusedError(`The escrow of ${ref.allocationKey} is ${allocation.status}; only money still held before delivery is settled by a cancellation`);
      const compensation = ref.compensationMinor;
      if (!Number.isSafeInteger(compensation) || compensation < 0 || compensation > allocation.payoutMinor) {
        throw new InvalidInputError(`The compensation must be a whole amount from 0 to the factory’s payout of ${allocation.payoutMinor} ${allocation.currency} (got ${compensation})`);
      }
      if (compensation > 0) {
        const released = await this.release(ctx, ref, 'operator', { grossMinor: compensation, payoutMinor: compensation });
        if (isPaymentError(released)) return released;
      } else {
        allocationLifecycle.transition(allocation.status, 'refunded');
        await db.query(`UPDATE escrow_allocations SET status = 'refunded', settled_at = now(), updated_at = now() WHERE id = $1`, [allocation.id]);
      }
      const refundMinor = allocation.grossMinor - compensation;
      if (refundMinor > 0) {
        const refund = await this.refunds.refundOrder(ctx, { orderId: allocation.orderId, refundKey: `cancel:${allocation.allocationKey}`, amountMinor: refundMinor, reason: ref.reason });
        if (isPaymentError(refund)) throw new InvalidInputError(`The refund of the cancelled share could not be made: ${refund.message}`); // rolls the release back
      }
      return { refundMinor, compensationMinor: compensation, currency: allocation.currency };
    });
  }

  private lockAllocation(ctx: RequestContext, ref: AllocationRef | EscrowAllocation): Promise<EscrowAllocation | null> {
    return ctx.db
      .createQueryBuilder(EscrowAllocation, 'a')
      .setLock('pessimistic_write')
      .where('a.order_id = :orderId AND a.allocation_key = :key', { orderId: ref.orderId, key: ref.allocationKey })
      .getOne();
  }
}

import { Injectable } from '@nestjs/common';
import { InputValidationError } from '@partsmith/identity';
import { JobLine, JobLineStatus, OrderLine, OrderTransitions } from '@partsmith/orders';
import { PaymentRefund, PaymentsFacade } from '@partsmith/payments';
import { AuditTrail, DomainEvents, ErrorResult, type RequestContext } from '@partsmith/platform';
import { ProductionScheduling } from '@partsmith/production-scheduling';
import { JobLineCancellation } from './entities';
import { JobLineAccess } from './job-line-access.service';
import { CompensationNotAllowedError, JobLineNotCancellableError, type CancelJobLineOutcome } from './production.results';

export interface CancelJobLineInput {
  jobLineId: string;
  reason: string;
  /** What the factory keeps for work already done (minor units of the order's currency); only once production has started. */
  factoryCompensationMinor?: number | null;
}

/**
 * The operator's cancellation of one job line, by this policy (README "Orders"):
 *
 * | job line status                 | designer gets back                    | factory gets                                 |
 * |---------------------------------|---------------------------------------|----------------------------------------------|
 * | sourcing                        | the line's total                      | nothing (no award)                           |
 * | awarded, scheduled              | the line's total (production has not started) | nothing — a compensation is refused  |
 * | in_production                   | the line's total − the compensation   | the compensation agreed with it (≤ its payout), no platform fee |
 * | shipped and later               | — refused: the way out is a dispute   |                                              |
 *
 * The line becomes cancelled (the order completes or is cancelled when its last line finishes), its
 * operations leave the factory's plan, and both sides are told. Money moves through PaymentsFacade in
 * the same transaction; a refusal there changes nothing.
 */
@Injectable()
export class JobLineCancellationService {
  constructor(
    private readonly access: JobLineAccess,
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsFacade,
    private readonly scheduling: ProductionScheduling,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  async cancel(ctx: RequestContext, input: CancelJobLineInput): Promise<CancelJobLineOutcome> {
    const reason = input.reason?.trim() ?? '';
    if (!reason || reason.length > 1000) return new InputValidationError('reason', 'Give a reason of 1–1000 characters; both sides read it');
    const compensation = input.factoryCompensationMinor ?? 0;
    if (!Number.isSafeInteger(compensation) || compensation < 0) return new InputValidationError('factoryCompensationMinor', 'The compensation is a whole, non-negative amount in minor units');
    return ctx.transaction(async (db) => {
      const { line, order, award } = await this.access.locateAs(ctx, input.jobLineId, 'operator');
      const refused = this.policy(line, compensation);
      if (refused) return refused;

      let refundMinor: number;
      let currency: string;
      if (line.status === JobLineStatus.sourcing) {
        const settled = await this.refundUnawarded(ctx, line, reason);
        if (settled instanceof ErrorResult) return settled;
        ({ refundMinor, currency } = settled);
      } else {
        if (compensation > 0) {
          const allocation = await this.payments.allocation(ctx, { orderId: order.id, allocationKey: line.id });
          if (allocation && compensation > allocation.payoutMinor) {
            return new CompensationNotAllowedError(`The compensation (${compensation}) cannot exceed what the factory would have been paid for the whole job (${allocation.payoutMinor} ${allocation.currency})`);
          }
        }
        const settled = await this.payments.settleCancelledAllocation(ctx, { orderId: order.id, allocationKey: line.id, compensationMinor: compensation, reason: `job line cancelled: ${reason}` });
        if (settled instanceof ErrorResult) return settled;
        ({ refundMinor, currency } = settled);
        await this.scheduling.cancelJob(ctx, line.id);
      }

      await this.transitions.jobLine(ctx, order, line, JobLineStatus.cancelled, reason);
      await db.save(db.create(JobLineCancellation, { jobLineId: line.id, reason, compensationMinor: compensation, refundMinor, currency, cancelledBy: ctx.principal?.userId ?? null }));
      await this.audit.record(ctx, {
        action: 'job_line.cancelled_by_operator',
        subjectType: 'job_line',
        subjectId: line.id,
        subjectOrganizationId: line.organizationId,
        details: { reason, compensationMinor: compensation, refundMinor, currency, factoryId: award?.factoryId ?? null },
      });
      if (award) await this.events.publish(ctx, { type: 'job_line.cancelled', organizationId: award.organizationId, id: line.id, status: JobLineStatus.cancelled });
      return db.findOneByOrFail(JobLineCancellation, { jobLineId: line.id });
    });
  }

  private policy(line: JobLine, compensation: number): JobLineNotCancellableError | CompensationNotAllowedError | null {
    switch (line.status) {
      case JobLineStatus.sourcing:
      case JobLineStatus.awarded:
      case JobLineStatus.scheduled:
        return compensation > 0
          ? new CompensationNotAllowedError(`The job line is ${line.status}: production has not started, so the designer is refunded in full and the factory gets no compensation`)
          : null;
      case JobLineStatus.in_production:
        return null;
      case JobLineStatus.cancelled:
        return new JobLineNotCancellableError('The job line is already cancelled');
      default:
        return new JobLineNotCancellableError(`The job line is ${line.status}: after shipping it cannot be cancelled; the designer opens a dispute and an operator decides it`);
    }
  }

  /** A line nobody was awarded: its order line's total goes back, when the order line is this one job line. */
  private async refundUnawarded(ctx: RequestContext, line: JobLine, reason: string) {
    const orderLine = await ctx.db.findOneByOrFail(OrderLine, { id: line.orderLineId });
    const siblings = await ctx.db.countBy(JobLine, { orderLineId: line.orderLineId });
    if (siblings > 1) return new JobLineNotCancellableError('This order line was split across factories; cancel each awarded part of it instead');
    const refund = await this.payments.refundOrder(ctx, { orderId: line.orderId, refundKey: `cancel:${line.id}`, amountMinor: orderLine.totalMinor, reason: `job line cancelled: ${reason}` });
    if (!(refund instanceof PaymentRefund)) return refund;
    return { refundMinor: refund.amountMinor, currency: refund.currency };
  }
}

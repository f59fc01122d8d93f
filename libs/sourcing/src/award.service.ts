import { Injectable } from '@nestjs/common';
import { JobLine, JobLineStatus, Order, OrderTransitions } from '@partsmith/orders';
import { PaymentsFacade } from '@partsmith/payments';
import { ProductionScheduling } from '@partsmith/production-scheduling';
import { AuditTrail, DomainEvents, type RequestContext } from '@partsmith/platform';
import { Award } from './entities';
import { AwardMode, SourcingJobStatus } from './offer-state';
import { JobAlreadyAwardedError, JobNotOpenError, PayoutsNotEnabledError, type AwardOutcome } from './sourcing.results';

export interface AwardInput {
  jobLineId: string;
  factoryId: string;
  factoryOrganizationId: string;
  payoutMinor: number;
  shipBy: Date;
  mode: AwardMode;
  offerId?: string | null;
}

/**
 * The one way a job line is awarded, whatever the mode. Exactly one award per job line:
 *  1. the order row is locked (the orders context's rule for any job-line transition),
 *  2. a compare-and-set moves the sourcing job open|stalled → awarded; whoever loses gets
 *     JobAlreadyAwardedError,
 *  3. the award row goes in under the partial unique index awards_one_per_job_line_idx (the backstop:
 *     ON CONFLICT answers JobAlreadyAwardedError, never a server error),
 *  4. the job line moves sourcing → awarded through OrderTransitions (history, audit, event), the escrow
 *     allocation is registered with payments, the job goes onto the factory's schedule (production
 *     scheduling re-plans and promises a date), other live offers are withdrawn, and the factory is told.
 * All in the caller's transaction.
 */
@Injectable()
export class AwardService {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsFacade,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
    private readonly scheduling: ProductionScheduling,
  ) {}

  async award(ctx: RequestContext, input: AwardInput): Promise<AwardOutcome> {
    return ctx.transaction(async (db) => {
      const line = await db.findOneBy(JobLine, { id: input.jobLineId });
      if (!line) return new JobNotOpenError(`Job line ${input.jobLineId} does not exist`);
      const order = await db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :id', { id: line.orderId }).getOneOrFail();
      const current = await db.findOneByOrFail(JobLine, { id: input.jobLineId }); // re-read under the order lock
      if (current.status === JobLineStatus.cancelled) return new JobNotOpenError(`Job line ${line.id} was cancelled`);
      if (current.status !== JobLineStatus.sourcing) return new JobAlreadyAwardedError(`Job line ${line.id} has already been awarded`);
      if (!(await this.payments.canReceiveTransfers(ctx, input.factoryOrganizationId))) {
        return new PayoutsNotEnabledError('Payouts are not enabled for this factory: finish Stripe onboarding (startFactoryOnboarding) to receive awards');
      }

      const [, swapped] = await db.query(
        `UPDATE sourcing_jobs SET status = 'awarded', stalled_reason = NULL, updated_at = now()
          WHERE job_line_id = $1 AND status IN ('open', 'stalled') RETURNING job_line_id`,
        [line.id],
      );
      if (swapped === 0) return this.lost(ctx, line.id);
      const [job] = await db.query(`SELECT gross_minor, currency FROM sourcing_jobs WHERE job_line_id = $1`, [line.id]);

      const inserted: Array<{ id: string }> = await db.query(
        `INSERT INTO awards (job_line_id, order_id, factory_id, organization_id, offer_id, mode, payout_minor, gross_minor, currency, ship_by, awarded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (job_line_id) WHERE status = 'active' DO NOTHING RETURNING id`,
        [line.id, line.orderId, input.factoryId, input.factoryOrganizationId, input.offerId ?? null, input.mode, input.payoutMinor, job.gross_minor, job.currency, input.shipBy, ctx.principal?.userId ?? null],
      );
      if (inserted.length === 0) return new JobAlreadyAwardedError(`Job line ${line.id} has already been awarded`);
      const award = await db.findOneByOrFail(Award, { id: inserted[0].id });

      await this.transitions.jobLine(ctx, order, current, JobLineStatus.awarded, `awarded (${input.mode})`);
      const allocation = await this.payments.registerAllocation(ctx, {
        orderId: line.orderId,
        allocationKey: line.id,
        factoryOrganizationId: input.factoryOrganizationId,
        grossMinor: award.grossMinor,
        payoutMinor: award.payoutMinor,
        inspectionRequired: line.inspectionLevel !== 'standard',
      });
      if (!('paymentId' in allocation)) throw new Error(`escrow allocation for job line ${line.id} refused: ${allocation.message}`);
      // onto the factory's machines: the scheduling worker re-plans it and promises a ship date
      await this.scheduling.planAwardedJob(ctx, {
        jobLineId: line.id,
        factoryId: input.factoryId,
        due: current.dueDate,
        quantity: current.quantity,
        process: current.configuration.process,
      });

      await db.query(
        `UPDATE offers SET status = 'withdrawn', updated_at = now() WHERE job_line_id = $1 AND status IN ('open', 'countered') AND id IS DISTINCT FROM $2`,
        [line.id, input.offerId ?? null],
      );
      await this.audit.record(ctx, {
        action: 'sourcing.awarded',
        subjectType: 'job_line',
        subjectId: line.id,
        subjectOrganizationId: line.organizationId,
        details: { awardId: award.id, factoryId: input.factoryId, factoryOrganizationId: input.factoryOrganizationId, mode: input.mode, payoutMinor: award.payoutMinor, currency: award.currency, offerId: input.offerId ?? null },
      });
      await this.events.publish(ctx, { type: 'sourcing.awarded', organizationId: input.factoryOrganizationId, id: line.id, status: 'awarded' });
      return award;
    });
  }

  private async lost(ctx: RequestContext, jobLineId: string): Promise<JobAlreadyAwardedError | JobNotOpenError> {
    const [row] = await ctx.db.query(`SELECT status FROM sourcing_jobs WHERE job_line_id = $1`, [jobLineId]);
    if (row?.status === SourcingJobStatus.awarded) return new JobAlreadyAwardedError(`Job line ${jobLineId} has already been awarded`);
    return new JobNotOpenError(row ? `Sourcing of job line ${jobLineId} is ${row.status}` : `Job line ${jobLineId} is not being sourced`);
  }
}

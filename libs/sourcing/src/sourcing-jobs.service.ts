import { Injectable, Logger } from '@nestjs/common';
import { JobLine, JobLineStatus, Order, OrderLine } from '@partsmith/orders';
import { PartRevision } from '@partsmith/parts';
import { PermanentJobError, type RequestContext } from '@partsmith/platform';
import { Quote } from '@partsmith/quoting';
import { SourcingJobRow } from './entities';
import { AwardMode, SourcingJobStatus } from './offer-state';
import { payoutPrice, type QuotedBreak } from './payout';
import { DEFAULT_MACHINE_HOURS_PER_UNIT } from './factory-capacity.service';
import type { JobFacts } from './sourcing-criteria';

/** A sourcing job's facts: eligibility's, the job line, and what capacity questions need. */
export interface SourcedJobFacts extends JobFacts {
  line: JobLine;
  quantity: number;
  machineHoursPerUnit: number;
}

/**
 * A job line entering sourcing: its sourcing job (award mode, gross and payout price) is created once,
 * idempotently, from the job line, its order line and the quote it was ordered from.
 */
@Injectable()
export class SourcingJobs {
  private readonly logger = new Logger(SourcingJobs.name);

  /** Creates the sourcing job of a job line in sourcing (no-op when it exists). Null when the job line is not in sourcing. */
  async open(ctx: RequestContext, jobLineId: string): Promise<SourcingJobRow | null> {
    return ctx.transaction(async (db) => {
      const existing = await db.findOneBy(SourcingJobRow, { jobLineId });
      if (existing) return existing;
      const line = await db.findOneBy(JobLine, { id: jobLineId });
      if (!line) throw new PermanentJobError(`job line ${jobLineId} does not exist`);
      if (line.status !== JobLineStatus.sourcing) return null;
      const orderLine = await db.findOneByOrFail(OrderLine, { id: line.orderLineId });
      const quote = await db.findOneByOrFail(Quote, { id: orderLine.quoteId });
      const breaks: QuotedBreak[] = quote.result && quote.result.status === 'quoted' ? quote.result.breaks : [];
      const price = payoutPrice({ quantity: orderLine.quantity, totalMinor: orderLine.totalMinor }, breaks);
      await db.query(
        `INSERT INTO sourcing_jobs (job_line_id, order_id, organization_id, mode, status, currency, gross_minor, payout_minor, process, material, due_date)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10) ON CONFLICT ON CONSTRAINT sourcing_jobs_pkey DO NOTHING`,
        [line.id, line.orderId, line.organizationId, AwardMode.offer_cascade, orderLine.currency, price.grossMinor, price.payoutMinor, line.configuration.process, line.configuration.material, line.dueDate],
      );
      this.logger.log(`job line ${line.id}: sourcing opened, payout ${price.payoutMinor} of ${price.grossMinor} ${orderLine.currency}`);
      return db.findOneByOrFail(SourcingJobRow, { jobLineId });
    });
  }

  /** The sourcing job of a part of a split line: the part's share of its line's gross and payout, offered by the cascade. */
  async openPart(ctx: RequestContext, part: JobLine, of: SourcingJobRow, grossMinor: number, payoutMinor: number): Promise<SourcingJobRow> {
    await ctx.db.query(
      `INSERT INTO sourcing_jobs (job_line_id, order_id, organization_id, mode, status, currency, gross_minor, payout_minor, process, material, due_date)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10) ON CONFLICT ON CONSTRAINT sourcing_jobs_pkey DO NOTHING`,
      [part.id, part.orderId, part.organizationId, AwardMode.offer_cascade, of.currency, grossMinor, payoutMinor, of.process, of.material, part.dueDate],
    );
    return ctx.db.findOneByOrFail(SourcingJobRow, { jobLineId: part.id });
  }

  /** Everything eligibility and capacity need about the job. */
  async facts(ctx: RequestContext, job: SourcingJobRow): Promise<SourcedJobFacts> {
    const line = await ctx.db.findOneByOrFail(JobLine, { id: job.jobLineId });
    const order = await ctx.db.findOneByOrFail(Order, { id: line.orderId });
    const revision = await ctx.db.findOneBy(PartRevision, { id: line.partRevisionId });
    return {
      line,
      quantity: line.quantity,
      machineHoursPerUnit: await this.machineHoursPerUnit(ctx, line.orderLineId),
      configuration: line.configuration,
      requiredCertificates: line.requiredCertificates,
      exportControlled: line.exportControlled,
      dueDate: line.dueDate,
      deliveryCountry: order.shippingAddress?.country ?? null,
      payoutMinor: job.payoutMinor,
      analysis: revision?.analysis ?? null,
    };
  }

  /** Machine hours per part of the quote's break nearest the ordered quantity (the scheduler's default without one). */
  private async machineHoursPerUnit(ctx: RequestContext, orderLineId: string): Promise<number> {
    const [row] = await ctx.db.query(`SELECT l.quantity, q.result FROM order_lines l JOIN quotes q ON q.id = l.quote_id WHERE l.id = $1`, [orderLineId]);
    const breaks: Array<{ quantity: number; machineHours?: number }> = row?.result?.status === 'quoted' ? (row.result.breaks ?? []) : [];
    const nearest = [...breaks].filter((b) => b.quantity > 0 && Number.isFinite(b.machineHours)).sort((a, b) => Math.abs(a.quantity - row.quantity) - Math.abs(b.quantity - row.quantity))[0];
    return nearest ? nearest.machineHours! / nearest.quantity : DEFAULT_MACHINE_HOURS_PER_UNIT;
  }

  /** Moves the sourcing job between its states (the caller holds its row lock). */
  async setStatus(ctx: RequestContext, jobLineId: string, status: SourcingJobStatus, stalledReason: string | null = null): Promise<void> {
    await ctx.db.query(`UPDATE sourcing_jobs SET status = $2, stalled_reason = $3, updated_at = now() WHERE job_line_id = $1`, [jobLineId, status, stalledReason]);
  }

  lock(ctx: RequestContext, jobLineId: string): Promise<SourcingJobRow | null> {
    return ctx.db.createQueryBuilder(SourcingJobRow, 's').setLock('pessimistic_write').where('s.job_line_id = :jobLineId', { jobLineId }).getOne();
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, JobHandler, tryAdvisoryXactLock, type AppConfig, type DomainEventJobPayload, type JobRun, type RequestContext } from '@partsmith/platform';
import { OfferCascade } from '../offer-cascade.service';
import { BatchAssignment } from '../batch-assignment.service';
import { LineSplitting } from '../line-splitting.service';
import { SealedBids } from '../sealed-bid.service';
import { AwardBestBidJob, BatchAssignmentJob, CloseBiddingJob, ExpireOfferJob, FactorySuspendedOffersJob, SourcingSweepJob } from './sourcing-jobs';

export interface SweepOutcome {
  ran: boolean;
  opened: number;
  retried: number;
  closed: number;
}

@Injectable()
export class SourcingJobHandlers {
  private readonly logger = new Logger(SourcingJobHandlers.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cascade: OfferCascade,
    private readonly bids: SealedBids,
    private readonly batch: BatchAssignment,
    private readonly splitting: LineSplitting,
  ) {}

  @JobHandler(BatchAssignmentJob)
  async batchAssign(payload: { limit: number }, { ctx }: JobRun): Promise<void> {
    await this.batch.run(ctx, payload.limit);
  }

  @JobHandler(CloseBiddingJob)
  async closeBidding(payload: { jobLineId: string }, { ctx }: JobRun): Promise<void> {
    await this.bids.close(ctx, payload.jobLineId);
  }

  @JobHandler(AwardBestBidJob)
  async awardBestBid(payload: { jobLineId: string }, { ctx }: JobRun): Promise<void> {
    await this.bids.awardBest(ctx, payload.jobLineId);
  }

  @JobHandler(ExpireOfferJob)
  async expireOffer(payload: { offerId: string }, { ctx }: JobRun): Promise<void> {
    await this.cascade.expire(ctx, payload.offerId);
  }

  @JobHandler(FactorySuspendedOffersJob)
  async factorySuspended(event: DomainEventJobPayload, { ctx }: JobRun): Promise<void> {
    const withdrawn = await this.cascade.withdrawFactory(ctx, event.id);
    if (withdrawn > 0) this.logger.log(`factory ${event.id} suspended: ${withdrawn} open offers withdrawn and passed on`);
  }

  @JobHandler(SourcingSweepJob)
  async sweepJob(payload: { limit: number }, { ctx }: JobRun): Promise<void> {
    const outcome = await this.sweep(ctx, payload.limit);
    if (outcome.opened + outcome.retried + outcome.closed > 0) this.logger.log(`sourcing sweep: ${outcome.opened} opened, ${outcome.retried} retried, ${outcome.closed} closed`);
  }

  /**
   * Finds the work: job lines in sourcing with no sourcing job (new since the last sweep), open jobs with no
   * live offer (a crash between steps), stalled jobs due for a retry, and jobs whose line was cancelled.
   * One sweep at a time (advisory lock); each job line in its own transaction, so one bad line does not
   * hold up the rest — its error is logged and it is tried again next sweep.
   */
  async sweep(ctx: RequestContext, limit = 200): Promise<SweepOutcome> {
    return ctx.transaction(async (db) => {
      if (!(await tryAdvisoryXactLock(db, 'sourcing.sweep'))) return { ran: false, opened: 0, retried: 0, closed: 0 };
      const fresh: Array<{ id: string }> = await db.query(
        `SELECT j.id FROM job_lines j WHERE j.status = 'sourcing' AND NOT EXISTS (SELECT 1 FROM sourcing_jobs s WHERE s.job_line_id = j.id)
          ORDER BY j.created_at, j.id LIMIT $1`,
        [limit],
      );
      const retry: Array<{ job_line_id: string }> = await db.query(
        `SELECT s.job_line_id FROM sourcing_jobs s JOIN job_lines j ON j.id = s.job_line_id
          WHERE j.status = 'sourcing' AND (
                (s.status = 'open' AND s.mode = 'offer_cascade' AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.job_line_id = s.job_line_id AND o.status IN ('open', 'countered')))
             OR (s.status = 'stalled' AND s.mode = 'offer_cascade' AND s.updated_at < now() - make_interval(mins => $2)))
          ORDER BY s.created_at LIMIT $1`,
        [limit, this.config.sourcing.stalledRetryMinutes],
      );
      const [, closed] = await db.query(
        `UPDATE sourcing_jobs s SET status = 'closed', updated_at = now() FROM job_lines j
          WHERE j.id = s.job_line_id AND j.status = 'cancelled' AND s.status IN ('open', 'stalled') RETURNING s.job_line_id`,
      );
      await db.query(
        `UPDATE offers o SET status = 'withdrawn', updated_at = now() FROM sourcing_jobs s
          WHERE s.job_line_id = o.job_line_id AND s.status = 'closed' AND o.status IN ('open', 'countered')`,
      );
      let opened = 0;
      let retried = 0;
      for (const { id } of fresh) if (await this.each(ctx, id, () => this.splitting.start(ctx, id))) opened++;
      for (const { job_line_id: id } of retry) if (await this.each(ctx, id, () => this.cascade.offerNext(ctx, id))) retried++;
      return { ran: true, opened, retried, closed: closed ?? 0 };
    });
  }

  private async each(ctx: RequestContext, jobLineId: string, work: () => Promise<unknown>): Promise<boolean> {
    try {
      await ctx.db.query('SAVEPOINT sourcing_line');
      await work();
      await ctx.db.query('RELEASE SAVEPOINT sourcing_line');
      return true;
    } catch (error) {
      await ctx.db.query('ROLLBACK TO SAVEPOINT sourcing_line');
      this.logger.error(`sourcing of job line ${jobLineId} failed: ${(error as Error).message}`);
      return false;
    }
  }
}

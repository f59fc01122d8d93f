import { Injectable } from '@nestjs/common';
import { InputValidationError } from '@partsmith/identity';
import { AuditTrail, DomainEvents, OutboxService, type RequestContext } from '@partsmith/platform';
import type { SourcingJob } from './dto/job-board.types';
import { CloseBiddingJob } from './jobs/sourcing-jobs';
import { JobBoard } from './job-board.service';
import { OfferCascade } from './offer-cascade.service';
import { AwardMode, SourcingJobStatus } from './offer-state';
import { SourcingAccess } from './sourcing-access.service';
import { SourcingJobs } from './sourcing-jobs.service';
import { JobNotOpenError, type ChooseAwardModeOutcome } from './sourcing.results';

export interface ChooseAwardModeInput {
  jobLineId: string;
  mode: AwardMode;
  /** Sealed-bid RFQ only: when bidding closes. */
  biddingClosesAt?: Date | null;
}

const MAX_BIDDING_DAYS = 30;

/**
 * The award mode, chosen per job by its designer (or an operator) while the job is being sourced: the
 * offer cascade (the default), a sealed-bid RFQ with a deadline, or batch assignment. Switching withdraws
 * a live cascade offer (it does not count against the factory). A job whose RFQ has bids, or has closed,
 * keeps its mode. Choosing an RFQ refreshes the eligible factories (who may bid) and queues the close at
 * the deadline; choosing the cascade sends the first offer at once; batch jobs wait for the next batch run.
 */
@Injectable()
export class AwardModes {
  constructor(
    private readonly access: SourcingAccess,
    private readonly jobs: SourcingJobs,
    private readonly cascade: OfferCascade,
    private readonly board: JobBoard,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  async choose(ctx: RequestContext, input: ChooseAwardModeInput): Promise<ChooseAwardModeOutcome> {
    await this.access.jobForDesigner(ctx, input.jobLineId);
    const outcome = await ctx.transaction(async (db) => {
      const job = (await this.jobs.lock(ctx, input.jobLineId))!;
      if (job.status !== SourcingJobStatus.open && job.status !== SourcingJobStatus.stalled) return new JobNotOpenError(`Sourcing of job line ${job.jobLineId} is ${job.status}`);
      if (input.mode === AwardMode.operator) return new InputValidationError('mode', 'Choose offer_cascade, sealed_bid or batch');
      const deadline = input.biddingClosesAt ?? null;
      if (input.mode !== AwardMode.sealed_bid && deadline) return new InputValidationError('biddingClosesAt', 'A bidding deadline is only for sealed_bid');
      if (job.mode === AwardMode.sealed_bid) {
        const [{ bids }] = await db.query(`SELECT count(*)::int AS bids FROM bids WHERE job_line_id = $1 AND status = 'active'`, [job.jobLineId]);
        if (bids > 0 || job.biddingClosedAt) return new InputValidationError('mode', `This RFQ ${job.biddingClosedAt ? 'has closed' : `has ${bids} bid(s)`}; its mode can no longer change`);
      }
      if (input.mode === AwardMode.sealed_bid) {
        if (!deadline) return new InputValidationError('biddingClosesAt', 'A sealed-bid RFQ needs the time bidding closes');
        if (deadline.getTime() <= Date.now()) return new InputValidationError('biddingClosesAt', 'biddingClosesAt must be in the future');
        if (deadline.getTime() >= job.dueDate.getTime()) return new InputValidationError('biddingClosesAt', `Bidding must close before the line is due (${job.dueDate.toISOString()})`);
        if (deadline.getTime() > Date.now() + MAX_BIDDING_DAYS * 86_400_000) return new InputValidationError('biddingClosesAt', `Bidding can stay open at most ${MAX_BIDDING_DAYS} days`);
      }
      if (input.mode === job.mode && input.mode !== AwardMode.sealed_bid) return 'unchanged' as const;

      await this.cascade.withdrawLive(ctx, job.jobLineId);
      await db.query(
        `UPDATE sourcing_jobs SET mode = $2, bid_deadline = $3, status = 'open', stalled_reason = NULL, updated_at = now() WHERE job_line_id = $1`,
        [job.jobLineId, input.mode, deadline],
      );
      job.mode = input.mode;
      if (input.mode !== AwardMode.offer_cascade) {
        const ranked = (await this.cascade.candidates(ctx, job)) ?? [];
        if (input.mode === AwardMode.sealed_bid) {
          await this.outbox.add(ctx, CloseBiddingJob, { jobLineId: job.jobLineId }, { delayMs: Math.max(0, deadline!.getTime() - Date.now()) });
          for (const c of ranked) await this.events.publish(ctx, { type: 'sourcing.rfq_opened', organizationId: c.organizationId, id: job.jobLineId, status: 'bidding' });
        }
      }
      await this.audit.record(ctx, {
        action: 'sourcing.award_mode_chosen',
        subjectType: 'job_line',
        subjectId: job.jobLineId,
        subjectOrganizationId: job.organizationId,
        details: { mode: input.mode, biddingClosesAt: deadline?.toISOString() ?? null },
      });
      return 'changed' as const;
    });
    if (typeof outcome !== 'string') return outcome;
    if (outcome === 'changed' && input.mode === AwardMode.offer_cascade) await this.cascade.offerNext(ctx, input.jobLineId);
    return this.board.job(ctx, input.jobLineId) as Promise<SourcingJob>;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InputValidationError } from '@partsmith/identity';
import { scoreBids } from '@partsmith/matching';
import { APP_CONFIG, AuditTrail, DomainEvents, NotFoundError, OutboxService, type AppConfig, type RequestContext } from '@partsmith/platform';
import { AwardService } from './award.service';
import type { SourcingJob } from './dto/job-board.types';
import { Award, Bid, BidStatus, SourcingJobRow } from './entities';
import { AwardBestBidJob, CloseBiddingJob } from './jobs/sourcing-jobs';
import { OfferCascade } from './offer-cascade.service';
import { AwardMode, SourcingJobStatus } from './offer-state';
import { SourcingAccess, UUID } from './sourcing-access.service';
import { SourcingJobs } from './sourcing-jobs.service';
import {
  BidNotActiveError,
  BiddingClosedError,
  BiddingStillOpenError,
  NotEligibleError,
  PayoutsNotEnabledError,
  type PickBidOutcome,
  type PlaceBidOutcome,
  type WithdrawBidOutcome,
} from './sourcing.results';

export interface PlaceBidInput {
  jobLineId: string;
  priceMinor: number;
  leadTimeDays: number;
  note?: string | null;
}

const DAY_MS = 86_400_000;
const MAX_NOTE = 2_000;

/**
 * Sealed-bid RFQs. The designer opens one with a deadline (AwardModes); the job's eligible factories bid a
 * price (at most what the designer paid for the line), a lead time and a note, and may edit or withdraw
 * until the deadline. No factory ever sees another's bid; the designer and operators see them once bidding
 * has closed. At the deadline a delayed outbox job closes bidding: eligibility is checked again (a factory
 * suspended since it bid drops out) and the bids are scored by the matching engine's `scoreBids` — price +
 * lateness risk (promised = close + lead time, against the due date) + scorecard + carbon/distance
 * (README "Sealed-bid RFQs"). The designer then picks any active bid within SOURCING_BID_PICK_WINDOW_SECONDS;
 * after that a second delayed job awards the best-scored bid. Either way the award goes through
 * AwardService (exactly one award). No valid bid: the job falls back to the offer cascade.
 */
@Injectable()
export class SealedBids {
  private readonly logger = new Logger(SealedBids.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: SourcingJobs,
    private readonly access: SourcingAccess,
    private readonly cascade: OfferCascade,
    private readonly awards: AwardService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  /** Places the caller factory's bid, or rewrites it (also after a withdrawal) while bidding is open. */
  async place(ctx: RequestContext, input: PlaceBidInput): Promise<PlaceBidOutcome> {
    const caller = await this.access.callerFactory(ctx);
    return ctx.transaction(async (db) => {
      const job = UUID.test(input.jobLineId) ? await this.jobs.lock(ctx, input.jobLineId) : null;
      if (!job) throw new NotFoundError('Sourcing job', input.jobLineId);
      const closed = this.refuseUnlessBidding(job);
      if (closed) return closed;
      if (!(await this.isCandidate(ctx, job.jobLineId, caller.factoryId))) {
        return new NotEligibleError(`Your factory is not eligible for job line ${job.jobLineId} (capabilities, certificates, payouts or probation limits)`);
      }
      const invalid = validateBid(input, job);
      if (invalid) return invalid;
      const [{ id }] = await db.query(
        `INSERT INTO bids (job_line_id, factory_id, organization_id, status, price_minor, currency, lead_time_days, note, placed_by)
         VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8)
         ON CONFLICT (job_line_id, factory_id) DO UPDATE
           SET status = 'active', price_minor = EXCLUDED.price_minor, lead_time_days = EXCLUDED.lead_time_days, note = EXCLUDED.note,
               placed_by = EXCLUDED.placed_by, updated_at = now()
         RETURNING id`,
        [job.jobLineId, caller.factoryId, caller.organizationId, input.priceMinor, job.currency, input.leadTimeDays, input.note?.trim() || null, caller.principal.userId],
      );
      await this.audit.record(ctx, {
        action: 'sourcing.bid_placed',
        subjectType: 'bid',
        subjectId: id,
        subjectOrganizationId: caller.organizationId,
        details: { jobLineId: job.jobLineId, factoryId: caller.factoryId, priceMinor: input.priceMinor, leadTimeDays: input.leadTimeDays },
      });
      return db.findOneByOrFail(Bid, { id });
    });
  }

  /** Withdraws the caller factory's bid while bidding is open (it may bid again before the deadline). */
  async withdraw(ctx: RequestContext, jobLineId: string): Promise<WithdrawBidOutcome> {
    const caller = await this.access.callerFactory(ctx);
    return ctx.transaction(async (db) => {
      const job = UUID.test(jobLineId) ? await this.jobs.lock(ctx, jobLineId) : null;
      const bid = job ? await db.findOneBy(Bid, { jobLineId, factoryId: caller.factoryId }) : null;
      if (!job || !bid) throw new NotFoundError('Bid on job line', jobLineId);
      const closed = this.refuseUnlessBidding(job);
      if (closed) return closed;
      if (bid.status !== BidStatus.active) return new BidNotActiveError(`Your bid on job line ${jobLineId} is ${bid.status}`);
      await db.query(`UPDATE bids SET status = 'withdrawn', updated_at = now() WHERE id = $1`, [bid.id]);
      await this.audit.record(ctx, { action: 'sourcing.bid_withdrawn', subjectType: 'bid', subjectId: bid.id, subjectOrganizationId: caller.organizationId, details: { jobLineId } });
      return db.findOneByOrFail(Bid, { id: bid.id });
    });
  }

  /** The close job. Repeated or stale runs (the job changed mode, was awarded or closed) do nothing; an early run throws to be retried. */
  async close(ctx: RequestContext, jobLineId: string, now = new Date()): Promise<void> {
    const fallBack = await ctx.transaction(async (db) => {
      const job = await this.jobs.lock(ctx, jobLineId);
      if (!job || job.mode !== AwardMode.sealed_bid || job.biddingClosedAt || !isLive(job)) return false;
      if (job.bidDeadline!.getTime() > now.getTime() + 500) {
        // Early (the outbox counts the delay from the enqueuing transaction's start): run again at the deadline.
        await this.outbox.add(ctx, CloseBiddingJob, { jobLineId }, { delayMs: job.bidDeadline!.getTime() - now.getTime() });
        return false;
      }
      const ranked = await this.cascade.candidates(ctx, job);
      if (!ranked) return false;
      const eligible = new Map(ranked.map((c) => [c.factoryId, c]));
      const bids = await db.find(Bid, { where: { jobLineId, status: BidStatus.active } });
      const valid = bids.filter((bid) => eligible.has(bid.factoryId));
      const dropped = bids.filter((bid) => !eligible.has(bid.factoryId));
      if (dropped.length > 0) await db.query(`UPDATE bids SET status = 'ineligible', updated_at = now() WHERE id = ANY($1)`, [dropped.map((b) => b.id)]);
      const scored = scoreBids(
        { dueDate: job.dueDate.getTime(), referencePrice: job.payoutMinor },
        valid.map((bid) => {
          const { scorecard, distanceKm, carbonKg } = eligible.get(bid.factoryId)!;
          return { factory: bid.factoryId, price: bid.priceMinor, promisedDate: now.getTime() + bid.leadTimeDays * DAY_MS, scorecard, distanceKm, carbonKg };
        }),
      );
      const byFactory = new Map(valid.map((bid) => [bid.factoryId, bid]));
      for (const s of scored) await db.query(`UPDATE bids SET score = $2, rank = $3, updated_at = now() WHERE id = $1`, [byFactory.get(s.factory)!.id, Math.round(s.score), s.rank]);
      const window = this.config.sourcing.bidPickWindowSeconds;
      await db.query(`UPDATE sourcing_jobs SET bidding_closed_at = $2, pick_deadline = $3, updated_at = now() WHERE job_line_id = $1`, [jobLineId, now, new Date(now.getTime() + window * 1000)]);
      await this.audit.record(ctx, {
        action: 'sourcing.bidding_closed',
        subjectType: 'job_line',
        subjectId: jobLineId,
        subjectOrganizationId: job.organizationId,
        details: { bids: valid.length, ineligible: dropped.length, best: scored[0] ? { factoryId: scored[0].factory, score: Math.round(scored[0].score), terms: { ...scored[0].terms } as Record<string, number> } : null },
      });
      if (valid.length === 0) {
        await this.toCascade(ctx, job, 'no valid bid at close');
        return true;
      }
      await this.outbox.add(ctx, AwardBestBidJob, { jobLineId }, { delayMs: window * 1000 });
      await this.events.publish(ctx, { type: 'sourcing.bidding_closed', organizationId: job.organizationId, id: jobLineId, status: 'closed' });
      return false;
    });
    if (fallBack) await this.cascade.offerNext(ctx, jobLineId);
  }

  /** The designer (or an operator) picks a bid after bidding closed: awarded at its price and lead time. */
  async pick(ctx: RequestContext, bidId: string): Promise<PickBidOutcome> {
    return ctx.transaction(async (db) => {
      const found = UUID.test(bidId) ? await db.findOneBy(Bid, { id: bidId }) : null;
      if (!found) throw new NotFoundError('Bid', bidId);
      await this.access.jobForDesigner(ctx, found.jobLineId); // NotFound unless it is the caller's job (or an operator)
      const job = (await this.jobs.lock(ctx, found.jobLineId))!;
      if (!job.biddingClosedAt) return new BiddingStillOpenError(`Bidding on job line ${job.jobLineId} closes at ${job.bidDeadline?.toISOString() ?? '(not a sealed-bid job)'}; pick after that`);
      const bid = await db.findOneByOrFail(Bid, { id: bidId });
      if (bid.status !== BidStatus.active) return new BidNotActiveError(`Bid ${bid.id} is ${bid.status}`);
      return this.awardBid(ctx, job, bid);
    });
  }

  /** The pick window passed: the best-scored bid that can be awarded wins. Idempotent (an early run throws to be retried); no bid left → the cascade. */
  async awardBest(ctx: RequestContext, jobLineId: string, now = new Date()): Promise<void> {
    const fallBack = await ctx.transaction(async (db) => {
      const job = await this.jobs.lock(ctx, jobLineId);
      if (!job || job.mode !== AwardMode.sealed_bid || !job.biddingClosedAt || !isLive(job)) return false;
      if (job.pickDeadline!.getTime() > now.getTime() + 500) {
        await this.outbox.add(ctx, AwardBestBidJob, { jobLineId }, { delayMs: job.pickDeadline!.getTime() - now.getTime() }); // early, as in close
        return false;
      }
      const bids = await db.find(Bid, { where: { jobLineId, status: BidStatus.active }, order: { rank: 'ASC' } });
      for (const bid of bids) {
        const outcome = await this.awardBid(ctx, job, bid);
        if (outcome instanceof Award) return false;
        if (!(outcome instanceof PayoutsNotEnabledError)) {
          this.logger.warn(`job line ${jobLineId}: best bid not awarded: ${(outcome as { message: string }).message}`);
          return false;
        }
        await db.query(`UPDATE bids SET status = 'ineligible', updated_at = now() WHERE id = $1`, [bid.id]);
      }
      await this.toCascade(ctx, job, 'no bid could be awarded');
      return true;
    });
    if (fallBack) await this.cascade.offerNext(ctx, jobLineId);
  }

  /** Bids on a job as the caller may see them: a factory its own; the designer and operators all, once bidding closed. */
  async visible(ctx: RequestContext, job: SourcingJob): Promise<Bid[]> {
    const principal = ctx.requirePrincipal();
    if (this.access.isFactory(principal)) return ctx.db.find(Bid, { where: { jobLineId: job.id, organizationId: principal.organizationId } });
    if (!job.biddingClosedAt) return [];
    return ctx.db.find(Bid, { where: { jobLineId: job.id }, order: { rank: 'ASC', createdAt: 'ASC' } });
  }

  async myBids(ctx: RequestContext): Promise<Bid[]> {
    const caller = await this.access.callerFactory(ctx);
    return ctx.db.find(Bid, { where: { factoryId: caller.factoryId }, order: { createdAt: 'DESC' }, take: 200 });
  }

  private async awardBid(ctx: RequestContext, job: SourcingJobRow, bid: Bid): Promise<PickBidOutcome> {
    const award = await this.awards.award(ctx, {
      jobLineId: job.jobLineId,
      factoryId: bid.factoryId,
      factoryOrganizationId: bid.organizationId,
      payoutMinor: bid.priceMinor,
      shipBy: new Date(Date.now() + bid.leadTimeDays * DAY_MS),
      mode: AwardMode.sealed_bid,
    });
    if (!(award instanceof Award)) return award;
    await ctx.db.query(`UPDATE bids SET status = CASE WHEN id = $2 THEN 'won' ELSE 'lost' END, updated_at = now() WHERE job_line_id = $1 AND status = 'active'`, [job.jobLineId, bid.id]);
    return award;
  }

  private async toCascade(ctx: RequestContext, job: SourcingJobRow, why: string): Promise<void> {
    await ctx.db.query(`UPDATE sourcing_jobs SET mode = 'offer_cascade', updated_at = now() WHERE job_line_id = $1`, [job.jobLineId]);
    await this.audit.record(ctx, { action: 'sourcing.rfq_fell_back', subjectType: 'job_line', subjectId: job.jobLineId, subjectOrganizationId: job.organizationId, details: { reason: why } });
  }

  private refuseUnlessBidding(job: SourcingJobRow): BiddingClosedError | null {
    if (job.mode !== AwardMode.sealed_bid) return new BiddingClosedError(`Job line ${job.jobLineId} is not a sealed-bid RFQ (it is awarded by ${job.mode})`);
    if (!isLive(job)) return new BiddingClosedError(`Job line ${job.jobLineId} is ${job.status}`);
    if (job.biddingClosedAt || job.bidDeadline!.getTime() <= Date.now()) return new BiddingClosedError(`Bidding on job line ${job.jobLineId} closed at ${job.bidDeadline!.toISOString()}`);
    return null;
  }

  private async isCandidate(ctx: RequestContext, jobLineId: string, factoryId: string): Promise<boolean> {
    const [row] = await ctx.db.query(`SELECT 1 FROM sourcing_candidates WHERE job_line_id = $1 AND factory_id = $2`, [jobLineId, factoryId]);
    return Boolean(row);
  }
}

function isLive(job: SourcingJobRow): boolean {
  return job.status === SourcingJobStatus.open || job.status === SourcingJobStatus.stalled;
}

function validateBid(input: PlaceBidInput, job: SourcingJobRow): InputValidationError | null {
  if (!Number.isSafeInteger(input.priceMinor) || input.priceMinor <= 0) return new InputValidationError('priceMinor', `priceMinor must be a positive integer of minor units (got ${input.priceMinor})`);
  if (input.priceMinor > job.grossMinor) return new InputValidationError('priceMinor', `The designer paid ${job.grossMinor} ${job.currency} for this line; a bid can ask at most that`);
  if (!Number.isInteger(input.leadTimeDays) || input.leadTimeDays < 1 || input.leadTimeDays > 365) return new InputValidationError('leadTimeDays', `leadTimeDays must be a whole number of days from 1 to 365 (got ${input.leadTimeDays})`);
  if ((input.note?.trim().length ?? 0) > MAX_NOTE) return new InputValidationError('note', `A note is at most ${MAX_NOTE} characters`);
  return null;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { InputValidationError } from '@partsmith/identity';
import { ScorecardService } from '@partsmith/factories';
import { APP_CONFIG, AuditTrail, DomainEvents, OutboxService, type AppConfig, type RequestContext } from '@partsmith/platform';
import { AwardService } from './award.service';
import { Award, Offer, SourcingJobRow } from './entities';
import { EligibleFactories, type RankedFactory } from './eligible-factories.service';
import { ExpireOfferJob } from './jobs/sourcing-jobs';
import { AwardMode, LIVE_OFFER_STATUSES, offerLifecycle, OfferStatus, SourcingJobStatus } from './offer-state';
import { SourcingAccess } from './sourcing-access.service';
import { SourcingJobs, type SourcedJobFacts } from './sourcing-jobs.service';
import { JobAlreadyAwardedError, OfferNotOpenError, type AcceptOfferOutcome, type OfferChangeOutcome } from './sourcing.results';

/** Where an offer came from: the cascade's next-best factory, batch assignment, or a split's choice. */
export type OfferSource = 'cascade' | 'batch' | 'split';

export interface CounterOfferInput {
  priceMinor?: number | null;
  shipBy?: Date | null;
  note?: string | null;
}

/**
 * The default award mode: the payout price goes to the best-ranked eligible factory with a deadline
 * (SOURCING_OFFER_TTL_SECONDS, expired by a delayed outbox job); a decline or timeout passes it to the
 * next. A factory may counter on price and/or ship-by date; the designer (or an operator) accepts the
 * counter — which awards at its terms — or rejects it, which passes the job on. Each factory is offered a
 * job line at most once (an offer the platform withdrew does not count); when nobody is left the job stalls and the sweep retries it later.
 */
@Injectable()
export class OfferCascade {
  private readonly logger = new Logger(OfferCascade.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: SourcingJobs,
    private readonly factories: EligibleFactories,
    private readonly awards: AwardService,
    private readonly access: SourcingAccess,
    private readonly outbox: OutboxService,
    private readonly scorecards: ScorecardService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Offers the job to the best-ranked eligible factory not offered yet, unless an offer is live. Refreshes
   * the job's candidates (the job board reads them). Stalls the job when nobody is left. Only for jobs in
   * the cascade: sealed-bid and batch jobs are moved on by their close and batch jobs.
   */
  async offerNext(ctx: RequestContext, jobLineId: string): Promise<Offer | null> {
    return ctx.transaction(async (db) => {
      const job = await this.jobs.lock(ctx, jobLineId);
      if (!job || (job.status !== SourcingJobStatus.open && job.status !== SourcingJobStatus.stalled) || job.mode !== AwardMode.offer_cascade) return null;
      const live = await db.findOneBy(Offer, { jobLineId, status: In(LIVE_OFFER_STATUSES as OfferStatus[]) });
      if (live) return live;
      const ranked = await this.candidates(ctx, job);
      if (!ranked) return null;
      const tried = await this.triedFactories(ctx, jobLineId);
      const next = ranked.find((candidate) => !tried.has(candidate.factoryId));
      if (!next) {
        const reason = ranked.length === 0 ? 'no eligible factory with payouts enabled' : `all ${ranked.length} eligible factories were offered the job`;
        if (job.status !== SourcingJobStatus.stalled || job.stalledReason !== reason) await this.jobs.setStatus(ctx, jobLineId, SourcingJobStatus.stalled, reason);
        await this.events.publish(ctx, { type: 'sourcing.stalled', organizationId: job.organizationId, id: jobLineId, status: 'stalled' });
        return null;
      }
      return this.send(ctx, job, next, 'cascade');
    });
  }

  /**
   * Offers the job to one chosen factory (batch assignment's or a split's choice) in the same flow: its
   * deadline, accept, decline, counter. Null when the job is not open, an offer is live, or the factory
   * was offered this job before.
   */
  async offerTo(ctx: RequestContext, jobLineId: string, candidate: RankedFactory, source: OfferSource): Promise<Offer | null> {
    return ctx.transaction(async (db) => {
      const job = await this.jobs.lock(ctx, jobLineId);
      if (!job || (job.status !== SourcingJobStatus.open && job.status !== SourcingJobStatus.stalled)) return null;
      if (await db.findOneBy(Offer, { jobLineId, status: In(LIVE_OFFER_STATUSES as OfferStatus[]) })) return null;
      if ((await this.triedFactories(ctx, jobLineId)).has(candidate.factoryId)) return null;
      return this.send(ctx, job, candidate, source);
    });
  }

  /**
   * The job's eligible factories, ranked, stored as its candidates (the job board and bidding read them).
   * Null — and the sourcing job follows its line — when the job line left sourcing.
   */
  async candidates(ctx: RequestContext, job: SourcingJobRow): Promise<RankedFactory[] | null> {
    return (await this.candidatesForJobs(ctx, [job]))[0];
  }

  /** `candidates` for several jobs, their eligibility computed in one query (batch assignment); one answer per job, in order. */
  async candidatesForJobs(ctx: RequestContext, jobs: readonly SourcingJobRow[]): Promise<Array<RankedFactory[] | null>> {
    const sourcing: Array<{ index: number; facts: SourcedJobFacts }> = [];
    for (const [index, job] of jobs.entries()) {
      const facts = await this.jobs.facts(ctx, job);
      if (facts.line.status === 'sourcing') {
        sourcing.push({ index, facts });
        continue;
      }
      const gone = facts.line.status === 'cancelled' || facts.line.status === 'split';
      await this.jobs.setStatus(ctx, job.jobLineId, gone ? SourcingJobStatus.closed : SourcingJobStatus.awarded);
    }
    const answers: Array<RankedFactory[] | null> = jobs.map(() => null);
    const ranked = await this.factories.rankMany(ctx, sourcing.map((s) => s.facts));
    for (const [i, { index }] of sourcing.entries()) {
      const jobLineId = jobs[index].jobLineId;
      await ctx.db.query(`DELETE FROM sourcing_candidates WHERE job_line_id = $1`, [jobLineId]);
      if (ranked[i].length > 0) {
        await ctx.db.query(
          `INSERT INTO sourcing_candidates (job_line_id, factory_id, organization_id, rank, score, distance_km, carbon_kg)
           SELECT $1, f, o, r, s, d, c FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::int[], $7::float8[]) AS t(f, o, r, s, d, c)`,
          [
            jobLineId,
            ranked[i].map((c) => c.factoryId),
            ranked[i].map((c) => c.organizationId),
            ranked[i].map((c) => c.rank),
            ranked[i].map((c) => c.score),
            ranked[i].map((c) => c.distanceKm ?? null),
            ranked[i].map((c) => c.carbonKg ?? null),
          ],
        );
      }
      answers[index] = ranked[i];
    }
    return answers;
  }

  /** Factories that answered (or let expire) an offer of this job; a withdrawn offer was the platform's doing and does not count. */
  async triedFactories(ctx: RequestContext, jobLineId: string): Promise<Set<string>> {
    const rows: Array<{ factory_id: string }> = await ctx.db.query(`SELECT factory_id FROM offers WHERE job_line_id = $1 AND status <> 'withdrawn'`, [jobLineId]);
    return new Set(rows.map((row) => row.factory_id));
  }

  private async send(ctx: RequestContext, job: SourcingJobRow, next: RankedFactory, source: OfferSource): Promise<Offer> {
    const db = ctx.db;
    if (job.status === SourcingJobStatus.stalled) await this.jobs.setStatus(ctx, job.jobLineId, SourcingJobStatus.open);
    const ttl = this.config.sourcing.offerTtlSeconds;
    const [{ id }] = await db.query(
      `INSERT INTO offers (job_line_id, factory_id, organization_id, status, price_minor, currency, ship_by, expires_at, source)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, now() + make_interval(secs => $7), $8) RETURNING id`,
      [job.jobLineId, next.factoryId, next.organizationId, job.payoutMinor, job.currency, job.dueDate, ttl, source],
    );
    const offer = await db.findOneByOrFail(Offer, { id });
    await this.outbox.add(ctx, ExpireOfferJob, { offerId: offer.id }, { delayMs: ttl * 1000 });
    await this.audit.record(ctx, {
      action: 'sourcing.offer_sent',
      subjectType: 'job_line',
      subjectId: job.jobLineId,
      subjectOrganizationId: job.organizationId,
      details: { offerId: offer.id, factoryId: next.factoryId, rank: next.rank, source, priceMinor: offer.priceMinor, currency: offer.currency, expiresAt: offer.expiresAt.toISOString() },
    });
    await this.events.publish(ctx, { type: 'sourcing.offer', organizationId: next.organizationId, id: offer.id, status: offer.status });
    return offer;
  }

  /** The factory accepts the offer at its price: the job line is awarded (exactly once). */
  async accept(ctx: RequestContext, offerId: string): Promise<AcceptOfferOutcome> {
    return ctx.transaction(async (db) => {
      const { offer, caller } = await this.access.lockOwnOffer(ctx, offerId);
      const refused = await this.refuseUnlessOpen(ctx, offer, OfferStatus.open);
      if (refused) return refused;
      const award = await this.awards.award(ctx, {
        jobLineId: offer.jobLineId,
        factoryId: offer.factoryId,
        factoryOrganizationId: offer.organizationId,
        payoutMinor: offer.priceMinor,
        shipBy: offer.shipBy,
        mode: offer.source === 'batch' ? AwardMode.batch : AwardMode.offer_cascade,
        offerId: offer.id,
      });
      if (!(award instanceof Award)) return award;
      await this.move(ctx, offer, OfferStatus.accepted, { respondedBy: caller.principal.userId });
      await this.score(ctx, offer, 'offer_accepted');
      return award;
    });
  }

  async decline(ctx: RequestContext, offerId: string, reason?: string | null): Promise<OfferChangeOutcome> {
    const outcome = await ctx.transaction(async () => {
      const { offer, caller } = await this.access.lockOwnOffer(ctx, offerId);
      const refused = await this.refuseUnlessOpen(ctx, offer, OfferStatus.open);
      if (refused) return refused;
      await this.move(ctx, offer, OfferStatus.declined, { respondedBy: caller.principal.userId, declineReason: reason?.trim() || null });
      await this.score(ctx, offer, 'offer_declined');
      return offer;
    });
    if (outcome instanceof Offer) await this.offerNext(ctx, outcome.jobLineId);
    return outcome;
  }

  /** The factory proposes another price and/or ship-by date; the designer has SOURCING_OFFER_TTL_SECONDS to decide. */
  async counter(ctx: RequestContext, offerId: string, input: CounterOfferInput): Promise<OfferChangeOutcome> {
    return ctx.transaction(async (db) => {
      const { offer, caller } = await this.access.lockOwnOffer(ctx, offerId);
      const refused = await this.refuseUnlessOpen(ctx, offer, OfferStatus.open);
      if (refused) return refused;
      const job = await db.findOneByOrFail(SourcingJobRow, { jobLineId: offer.jobLineId });
      const price = input.priceMinor ?? null;
      const shipBy = input.shipBy ?? null;
      if (price === null && shipBy === null) return new InputValidationError('priceMinor', 'A counteroffer changes the price, the ship-by date, or both');
      if (price !== null && (!Number.isSafeInteger(price) || price <= 0)) return new InputValidationError('priceMinor', `priceMinor must be a positive integer of minor units (got ${price})`);
      if (price !== null && price > job.grossMinor) {
        return new InputValidationError('priceMinor', `The designer paid ${job.grossMinor} ${job.currency} for this line; a counter can ask at most that`);
      }
      if (shipBy !== null && shipBy.getTime() <= Date.now()) return new InputValidationError('shipBy', 'shipBy must be in the future');
      const ttl = this.config.sourcing.offerTtlSeconds;
      offerLifecycle.transition(offer.status, OfferStatus.countered);
      await db.query(
        `UPDATE offers SET status = 'countered', counter_price_minor = $2, counter_ship_by = $3, counter_note = $4, responded_by = $5, responded_at = now(),
                expires_at = now() + make_interval(secs => $6), updated_at = now() WHERE id = $1`,
        [offer.id, price, shipBy, input.note?.trim() || null, caller.principal.userId, ttl],
      );
      await this.outbox.add(ctx, ExpireOfferJob, { offerId: offer.id }, { delayMs: ttl * 1000 });
      await this.score(ctx, offer, null);
      await this.audit.record(ctx, {
        action: 'sourcing.offer_countered',
        subjectType: 'job_line',
        subjectId: offer.jobLineId,
        subjectOrganizationId: job.organizationId,
        details: { offerId: offer.id, factoryId: offer.factoryId, priceMinor: price, shipBy: shipBy?.toISOString() ?? null },
      });
      await this.events.publish(ctx, { type: 'sourcing.countered', organizationId: job.organizationId, id: offer.id, status: 'countered' });
      return db.findOneByOrFail(Offer, { id: offer.id });
    });
  }

  /** The designer (or an operator) takes the counter: awarded at the counter's price and date. */
  async acceptCounter(ctx: RequestContext, offerId: string): Promise<AcceptOfferOutcome> {
    return ctx.transaction(async () => {
      const { offer } = await this.access.lockOfferForDesigner(ctx, offerId);
      const refused = await this.refuseUnlessOpen(ctx, offer, OfferStatus.countered);
      if (refused) return refused;
      const award = await this.awards.award(ctx, {
        jobLineId: offer.jobLineId,
        factoryId: offer.factoryId,
        factoryOrganizationId: offer.organizationId,
        payoutMinor: offer.counterPriceMinor ?? offer.priceMinor,
        shipBy: offer.counterShipBy ?? offer.shipBy,
        mode: offer.source === 'batch' ? AwardMode.batch : AwardMode.offer_cascade,
        offerId: offer.id,
      });
      if (!(award instanceof Award)) return award;
      await this.move(ctx, offer, OfferStatus.accepted, { decidedBy: ctx.principal?.userId ?? null });
      await this.score(ctx, offer, 'offer_accepted');
      return award;
    });
  }

  async rejectCounter(ctx: RequestContext, offerId: string): Promise<OfferChangeOutcome> {
    const outcome = await ctx.transaction(async () => {
      const { offer } = await this.access.lockOfferForDesigner(ctx, offerId);
      const refused = await this.refuseUnlessOpen(ctx, offer, OfferStatus.countered);
      if (refused) return refused;
      await this.move(ctx, offer, OfferStatus.rejected, { decidedBy: ctx.principal?.userId ?? null });
      return offer;
    });
    if (outcome instanceof Offer) await this.offerNext(ctx, outcome.jobLineId);
    return outcome;
  }

  /**
   * A suspended factory leaves every open offer at once: its live offers are withdrawn and each job goes
   * to the next eligible factory (the suspended one no longer is). Returns how many offers were withdrawn.
   */
  async withdrawFactory(ctx: RequestContext, factoryId: string): Promise<number> {
    const withdrawn = await ctx.transaction(async (db) => {
      const live = await db
        .createQueryBuilder(Offer, 'o')
        .setLock('pessimistic_write')
        .where('o.factory_id = :factoryId AND o.status IN (:...live)', { factoryId, live: LIVE_OFFER_STATUSES })
        .getMany();
      for (const offer of live) await this.move(ctx, offer, OfferStatus.withdrawn, {});
      return live;
    });
    for (const offer of withdrawn) await this.offerNext(ctx, offer.jobLineId);
    return withdrawn.length;
  }

  /** Withdraws the job's live offer, if any (the job changed award mode or was split). Caller's transaction. */
  async withdrawLive(ctx: RequestContext, jobLineId: string): Promise<void> {
    const live = await ctx.db
      .createQueryBuilder(Offer, 'o')
      .setLock('pessimistic_write')
      .where('o.job_line_id = :jobLineId AND o.status IN (:...live)', { jobLineId, live: LIVE_OFFER_STATUSES })
      .getMany();
    for (const offer of live) await this.move(ctx, offer, OfferStatus.withdrawn, {});
  }

  /** The expiry job: a live offer past its deadline expires and the job moves on. Early or repeated runs do nothing. */
  async expire(ctx: RequestContext, offerId: string): Promise<void> {
    const expired = await ctx.transaction(async (db) => {
      const offer = await db.createQueryBuilder(Offer, 'o').setLock('pessimistic_write').where('o.id = :offerId', { offerId }).getOne();
      if (!offer || !LIVE_OFFER_STATUSES.includes(offer.status) || offer.expiresAt.getTime() > Date.now() + 500) return null;
      const wasOpen = offer.status === OfferStatus.open;
      await this.move(ctx, offer, OfferStatus.expired, {});
      if (wasOpen) await this.score(ctx, offer, 'offer_declined');
      return offer;
    });
    if (expired) await this.offerNext(ctx, expired.jobLineId);
  }

  private async refuseUnlessOpen(ctx: RequestContext, offer: Offer, expected: OfferStatus): Promise<OfferNotOpenError | JobAlreadyAwardedError | null> {
    if (offer.status === expected && offer.expiresAt.getTime() > Date.now()) return null;
    const [job] = await ctx.db.query(`SELECT status FROM sourcing_jobs WHERE job_line_id = $1`, [offer.jobLineId]);
    if (job?.status === SourcingJobStatus.awarded) return new JobAlreadyAwardedError(`Job line ${offer.jobLineId} has already been awarded`);
    if (offer.status === expected) return new OfferNotOpenError(`Offer ${offer.id} expired at ${offer.expiresAt.toISOString()}`);
    return new OfferNotOpenError(`Offer ${offer.id} is ${offer.status}${expected === OfferStatus.countered ? ', not countered' : ''}`);
  }

  private async move(ctx: RequestContext, offer: Offer, to: OfferStatus, by: { respondedBy?: string; decidedBy?: string | null; declineReason?: string | null }): Promise<void> {
    offerLifecycle.transition(offer.status, to);
    await ctx.db.query(
      `UPDATE offers SET status = $2, updated_at = now(),
              responded_by = coalesce($3, responded_by), responded_at = CASE WHEN $3::uuid IS NULL THEN responded_at ELSE now() END,
              decided_by = coalesce($4, decided_by), decided_at = CASE WHEN $4::uuid IS NULL THEN decided_at ELSE now() END,
              decline_reason = coalesce($5, decline_reason)
        WHERE id = $1`,
      [offer.id, to, by.respondedBy ?? null, by.decidedBy ?? null, by.declineReason ?? null],
    );
    offer.status = to;
    await this.audit.record(ctx, {
      action: `sourcing.offer_${to}`,
      subjectType: 'offer',
      subjectId: offer.id,
      subjectOrganizationId: offer.organizationId,
      details: { jobLineId: offer.jobLineId, factoryId: offer.factoryId },
    });
    await this.events.publish(ctx, { type: 'sourcing.offer', organizationId: offer.organizationId, id: offer.id, status: to });
  }

  /** Scorecard: the response time of any answer, and its acceptance (a timeout counts as a decline, without a response). */
  private async score(ctx: RequestContext, offer: Offer, outcome: 'offer_accepted' | 'offer_declined' | null): Promise<void> {
    const ref = `offer:${offer.id}`;
    if (offer.status !== OfferStatus.expired && !offer.respondedAt) {
      const seconds = Math.max(0, Math.round((Date.now() - offer.createdAt.getTime()) / 1000));
      await this.scorecards.recordEvent(ctx, { factoryId: offer.factoryId, kind: 'offer_response', value: seconds, sourceRef: ref });
    }
    if (outcome) await this.scorecards.recordEvent(ctx, { factoryId: offer.factoryId, kind: outcome, sourceRef: ref });
  }
}

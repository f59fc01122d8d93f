import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AuditTrail,
  ForbiddenError,
  InvalidInputError,
  keysetPage,
  NotFoundError,
  type AppConfig,
  type ConnectionArgs,
  type ConnectionShape,
  type RequestContext,
} from '@partsmith/platform';
import { isUniqueViolation } from '@partsmith/identity';
import type { DecideScoreAppealInput } from '../dto/factory.inputs';
import { Factory, ScoreAppeal, ScoreEvent, ScorecardRow, type Scorecard, type ScorecardBreakdown } from '../entities';
import { FactoryAccess } from '../factory-access.service';
import { appealLifecycle, type AppealStatus } from '../factory-lifecycle';
import { AppealAlreadyOpenError, InputValidationError, type AppealScoreEventOutcome } from '../factories.results';
import {
  breakdownFromKinds,
  COMPONENT_OF,
  computeScore,
  emptyTallies,
  eventPoints,
  SCORE_COMPONENTS,
  SCORE_EVENT_KINDS,
  ScoreEventValueError,
  type ScoreEventKind,
} from './scorecard-formula';

export interface ScoreEventInput {
  factoryId: string;
  kind: ScoreEventKind;
  /** Seconds for offer_response, stars (1-5) for review. */
  value?: number | null;
  /** The order, job line or offer the event comes from; recording the same (factory, kind, sourceRef) twice counts once. */
  sourceRef: string;
  occurredAt?: Date;
}

/**
 * Scorecards. Other contexts report outcomes through `recordEvent` (the facade: orders on acceptance
 * and disputes, production on delivery, sourcing on offer responses, reviews on stars); each event
 * updates the stored scorecard in the same transaction. Factories see their own, operators all.
 */
@Injectable()
export class ScorecardService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly factoryAccess: FactoryAccess,
    private readonly audit: AuditTrail,
  ) {}

  /** Idempotent on (factory, kind, sourceRef). Returns whether this call recorded it. */
  async recordEvent(ctx: RequestContext, input: ScoreEventInput): Promise<{ recorded: boolean; score: number }> {
    if (!SCORE_EVENT_KINDS.includes(input.kind)) throw new InvalidInputError(`Unknown score event kind "${input.kind}"`);
    if (!input.sourceRef?.trim()) throw new InvalidInputError('A score event needs the sourceRef of the order, job or offer it comes from');
    let points: number;
    try {
      points = eventPoints(input.kind, input.value);
    } catch (error) {
      if (error instanceof ScoreEventValueError) throw new InvalidInputError(error.message);
      throw error;
    }
    return ctx.transaction(async (db) => {
      await this.factoryAccess.lock(ctx, input.factoryId); // serialises recomputation per factory
      const inserted: unknown[] = await db.query(
        `INSERT INTO factory_score_events (factory_id, kind, component, value, points, source_ref, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT factory_score_events_source_key DO NOTHING RETURNING id`,
        [input.factoryId, input.kind, COMPONENT_OF[input.kind], input.value ?? null, points, input.sourceRef.trim(), input.occurredAt ?? new Date()],
      );
      const row = inserted.length ? await this.recompute(ctx, input.factoryId) : await db.findOneBy(ScorecardRow, { factoryId: input.factoryId });
      return { recorded: inserted.length > 0, score: row?.score ?? computeScore(emptyTallies()).score };
    });
  }

  /** Rebuilds the stored scorecard from the factory's counting events; ends probation once it is earned. */
  async recompute(ctx: RequestContext, factoryId: string): Promise<ScorecardRow> {
    const rows: Array<{ kind: ScoreEventKind; n: number; points: number }> = await ctx.db.query(
      `SELECT kind, count(*)::int AS n, coalesce(sum(points), 0)::float8 AS points
         FROM factory_score_events WHERE factory_id = $1 AND voided_at IS NULL GROUP BY kind`,
      [factoryId],
    );
    const breakdown: ScorecardBreakdown = breakdownFromKinds(rows);
    const kinds = breakdown.kinds;
    const cleanJobs = kinds.accepted_clean ?? 0;
    const eventCount = rows.reduce((sum, row) => sum + row.n, 0);
    await ctx.db.query(
      `INSERT INTO factory_scorecards (factory_id, score, breakdown, clean_jobs, event_count, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT ON CONSTRAINT factory_scorecards_pkey DO UPDATE
         SET score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, clean_jobs = EXCLUDED.clean_jobs, event_count = EXCLUDED.event_count, updated_at = now()`,
      [factoryId, breakdown.score, JSON.stringify(breakdown), cleanJobs, eventCount],
    );
    const [ended]: [Array<{ organization_id: string }>, number] = await ctx.db.query(
      `UPDATE factories SET on_probation = false, updated_at = now()
        WHERE id = $1 AND on_probation AND status = 'approved' AND probation_jobs_required <= $2 RETURNING organization_id`,
      [factoryId, cleanJobs],
    );
    if (ended.length) {
      await this.audit.record(ctx, {
        action: 'factory.probation_completed',
        subjectType: 'factory',
        subjectId: factoryId,
        subjectOrganizationId: ended[0].organization_id,
        details: { cleanJobs },
      });
    }
    return ctx.db.findOneByOrFail(ScorecardRow, { factoryId });
  }

  /** The parent factory was authorised by whoever returned it. */
  async scorecardOf(ctx: RequestContext, factory: Factory): Promise<Scorecard> {
    const row = await ctx.db.findOneBy(ScorecardRow, { factoryId: factory.id });
    const breakdown: ScorecardBreakdown = row?.breakdown ?? { ...computeScore(emptyTallies()), kinds: {} };
    const k = breakdown.kinds;
    const rate = (good: number, total: number) => (total > 0 ? good / total : null);
    const n = (kind: ScoreEventKind) => k[kind] ?? 0;
    const stars = breakdown.components.stars;
    const response = breakdown.components.response;
    return {
      factoryId: factory.id,
      score: breakdown.score,
      onTimeRate: rate(n('delivery_on_time'), n('delivery_on_time') + n('delivery_late')),
      qualityRate: rate(n('accepted_clean'), n('accepted_clean') + n('disputed') + n('rework')),
      acceptanceRate: rate(n('offer_accepted'), n('offer_accepted') + n('offer_declined')),
      averageStars: stars.count > 0 ? 1 + (4 * stars.points) / stars.count : null,
      responseScore: response.count > 0 ? response.points / response.count : null,
      cleanJobs: row?.cleanJobs ?? 0,
      eventCount: row?.eventCount ?? 0,
      components: SCORE_COMPONENTS.map((component) => ({ component, ...breakdown.components[component] })),
      updatedAt: row?.updatedAt ?? null,
    };
  }

  async eventsOf(ctx: RequestContext, factory: Factory, args: ConnectionArgs): Promise<ConnectionShape<ScoreEvent>> {
    const query = ctx.db.createQueryBuilder(ScoreEvent, 'e').where('e.factory_id = :id', { id: factory.id });
    return keysetPage(query, 'e', args, this.config.graphql.maxPageSize, { descending: true });
  }

  /** A factory admin objects to one of its score events. One open appeal per event. */
  async appeal(ctx: RequestContext, scoreEventId: string, reason: string): Promise<AppealScoreEventOutcome> {
    ctx.requirePrincipal();
    const event = await ctx.db.findOneBy(ScoreEvent, { id: scoreEventId });
    if (!event) throw new NotFoundError('Score event', scoreEventId);
    const factory = await this.factoryAccess.requireManagerOf(ctx, event.factoryId);
    if (!reason?.trim() || reason.length > 2000) return new InputValidationError('reason', 'Explain the appeal in 1-2000 characters');
    if (event.voidedAt) return new InputValidationError('scoreEventId', 'This event already does not count');
    try {
      return await ctx.transaction(async (db) => {
        const appeal = await db.save(db.create(ScoreAppeal, { scoreEventId: event.id, factoryId: factory.id, reason: reason.trim(), createdBy: ctx.requirePrincipal().userId }));
        await this.audit.record(ctx, {
          action: 'score_event.appealed',
          subjectType: 'score_event',
          subjectId: event.id,
          subjectOrganizationId: factory.organizationId,
          details: { appealId: appeal.id, kind: event.kind, sourceRef: event.sourceRef },
        });
        return db.findOneByOrFail(ScoreAppeal, { id: appeal.id });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'factory_score_appeals_one_open_idx')) return new AppealAlreadyOpenError('This event already has an open appeal');
      throw error;
    }
  }

  /** Operators: uphold (the event stops counting and the scorecard is rebuilt) or dismiss, with a note. */
  async decideAppeal(ctx: RequestContext, input: DecideScoreAppealInput): Promise<ScoreAppeal> {
    const principal = this.factoryAccess.requireOperator(ctx);
    if (!input.note?.trim()) throw new InvalidInputError('Give a note with the decision; the factory will see it');
    return ctx.transaction(async (db) => {
      const appeal = await db.createQueryBuilder(ScoreAppeal, 'a').setLock('pessimistic_write').where('a.id = :id', { id: input.appealId }).getOne();
      if (!appeal) throw new NotFoundError('Score appeal', input.appealId);
      const status: AppealStatus = appealLifecycle.transition(appeal.status, input.uphold ? 'upheld' : 'dismissed');
      await this.factoryAccess.lock(ctx, appeal.factoryId);
      await db.update(ScoreAppeal, { id: appeal.id }, { status, decisionNote: input.note.trim(), decidedBy: principal.userId, decidedAt: new Date() });
      if (input.uphold) {
        await db.update(ScoreEvent, { id: appeal.scoreEventId }, { voidedAt: new Date(), voidReason: `appeal upheld: ${input.note.trim()}` });
        await this.recompute(ctx, appeal.factoryId);
      }
      const [{ organization_id }] = await db.query(`SELECT organization_id FROM factories WHERE id = $1`, [appeal.factoryId]);
      await this.audit.record(ctx, {
        action: input.uphold ? 'score_appeal.upheld' : 'score_appeal.dismissed',
        subjectType: 'score_event',
        subjectId: appeal.scoreEventId,
        subjectOrganizationId: organization_id,
        details: { appealId: appeal.id, note: input.note.trim() },
      });
      return db.findOneByOrFail(ScoreAppeal, { id: appeal.id });
    });
  }

  /** Operators see every appeal; a factory's members see their own factory's. */
  async appeals(ctx: RequestContext, status: AppealStatus | undefined, args: ConnectionArgs): Promise<ConnectionShape<ScoreAppeal>> {
    const principal = ctx.requirePrincipal();
    const query = ctx.db.createQueryBuilder(ScoreAppeal, 'a');
    if (principal.role !== 'operator') {
      const { factory } = await this.factoryAccess.own(ctx, { manage: false }).catch(() => {
        throw new ForbiddenError('Score appeals are visible to the factory that filed them and to operators');
      });
      query.where('a.factory_id = :factoryId', { factoryId: factory?.id ?? '00000000-0000-0000-0000-000000000000' });
    }
    if (status) query.andWhere('a.status = :status', { status });
    return keysetPage(query, 'a', args, this.config.graphql.maxPageSize);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Factory, ScorecardService } from '@partsmith/factories';
import { InputValidationError, isUniqueViolation } from '@partsmith/identity';
import { JobLine, JobLineStatus, UUID } from '@partsmith/orders';
import {
  APP_CONFIG,
  AuditTrail,
  DomainEvents,
  ForbiddenError,
  InvalidInputError,
  keysetPage,
  NotFoundError,
  type AppConfig,
  type ConnectionArgs,
  type ConnectionShape,
  type RequestContext,
} from '@partsmith/platform';
import { Award } from '@partsmith/sourcing';
import { JobLineReview } from './job-line-review.entity';
import {
  AlreadyRespondedError,
  AlreadyReviewedError,
  RatingOutOfRangeError,
  ReviewBeforeAcceptanceError,
  ReviewSummary,
  type RespondToReviewOutcome,
  type ReviewJobLineInput,
  type ReviewJobLineOutcome,
} from './review.results';

export const REVIEW_TEXT_MAX = 2000;
/** Job line states in which the designer has accepted the parts (a dispute resolved for the factory also ends in accepted). */
const REVIEWABLE: ReadonlySet<JobLineStatus> = new Set([JobLineStatus.accepted, JobLineStatus.paid_out]);
const RATINGS = ['quality', 'communication', 'timeliness'] as const;

/**
 * Reviews of accepted job lines. The ordering designer organisation reviews once; a review is final (it
 * moves the factory's scorecard at once and the factory may answer it, so a later edit would change what
 * the answer refers to — a designer who erred asks an operator, who can void the score events through the
 * appeal process). Each rating becomes one score event (`review_quality`, `review_communication`,
 * `review_timeliness`, sourceRef `review:<job line>`). The reviewed factory's admins respond once.
 * Who may see a review: the designer organisation, the reviewed factory's members, operators.
 */
@Injectable()
export class ReviewService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scorecards: ScorecardService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  async review(ctx: RequestContext, input: ReviewJobLineInput): Promise<ReviewJobLineOutcome> {
    const principal = ctx.requirePrincipal();
    return ctx.transaction(async (db) => {
      const line = UUID.test(input.jobLineId) ? await db.createQueryBuilder(JobLine, 'j').setLock('pessimistic_write').where('j.id = :id', { id: input.jobLineId }).getOne() : null;
      const award = line ? await db.findOneBy(Award, { jobLineId: line.id, status: 'active' }) : null;
      const isDesigner = principal.role === 'designer' && line?.organizationId === principal.organizationId;
      if (!line || !(isDesigner || principal.role === 'operator' || award?.organizationId === principal.organizationId)) throw new NotFoundError('Job line', input.jobLineId);
      if (!isDesigner) throw new ForbiddenError('Only the organisation that ordered this job line reviews it');
      for (const rating of RATINGS) {
        const value = input[rating];
        if (!Number.isInteger(value) || value < 1 || value > 5) return new RatingOutOfRangeError(rating, value);
      }
      const comment = input.comment?.trim() || null;
      if (comment && comment.length > REVIEW_TEXT_MAX) return new InputValidationError('comment', `A comment is at most ${REVIEW_TEXT_MAX} characters (this one has ${comment.length})`);
      if (!REVIEWABLE.has(line.status) || !award) {
        return new ReviewBeforeAcceptanceError(`Job line ${line.id} is ${line.status}: review it once you have accepted the parts`);
      }
      if (await db.findOneBy(JobLineReview, { jobLineId: line.id })) return new AlreadyReviewedError(`Job line ${line.id} is reviewed already; a review is final`);
      let review: JobLineReview;
      try {
        review = await db.save(
          db.create(JobLineReview, {
            jobLineId: line.id,
            factoryId: award.factoryId,
            designerOrganizationId: line.organizationId,
            quality: input.quality,
            communication: input.communication,
            timeliness: input.timeliness,
            comment,
            createdBy: principal.userId,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'job_line_reviews_job_line_key')) return new AlreadyReviewedError(`Job line ${line.id} is reviewed already; a review is final`);
        throw error;
      }
      for (const rating of RATINGS) {
        await this.scorecards.recordEvent(ctx, { factoryId: award.factoryId, kind: `review_${rating}`, value: input[rating], sourceRef: `review:${line.id}` });
      }
      await this.audit.record(ctx, {
        action: 'job_line.reviewed',
        subjectType: 'job_line',
        subjectId: line.id,
        subjectOrganizationId: line.organizationId,
        details: { reviewId: review.id, factoryId: award.factoryId, quality: input.quality, communication: input.communication, timeliness: input.timeliness },
      });
      await this.events.publish(ctx, { type: 'job_line.reviewed', organizationId: award.organizationId, id: review.id });
      return db.findOneByOrFail(JobLineReview, { id: review.id });
    });
  }

  async respond(ctx: RequestContext, reviewId: string, response: string): Promise<RespondToReviewOutcome> {
    const principal = ctx.requirePrincipal();
    return ctx.transaction(async (db) => {
      const review = UUID.test(reviewId) ? await db.findOneBy(JobLineReview, { id: reviewId }) : null;
      const factory = review ? await this.readableBy(ctx, review) : null;
      if (!review || !factory) throw new NotFoundError('Review', reviewId);
      if (principal.role !== 'factory_admin' || principal.organizationId !== factory.organizationId) {
        throw new ForbiddenError('Only an admin of the reviewed factory responds to a review');
      }
      const text = response?.trim() ?? '';
      if (!text || text.length > REVIEW_TEXT_MAX) return new InputValidationError('response', `Write a response of 1 to ${REVIEW_TEXT_MAX} characters`);
      const [updated]: [Array<{ id: string }>, number] = await db.query(
        `UPDATE job_line_reviews SET response = $2, responded_by = $3, responded_at = now() WHERE id = $1 AND response IS NULL RETURNING id`,
        [review.id, text, principal.userId],
      );
      if (updated.length === 0) return new AlreadyRespondedError('This review has a response already; a factory responds once');
      await this.audit.record(ctx, {
        action: 'job_line.review_responded',
        subjectType: 'job_line',
        subjectId: review.jobLineId,
        subjectOrganizationId: review.designerOrganizationId,
        details: { reviewId: review.id, factoryId: review.factoryId },
      });
      await this.events.publish(ctx, { type: 'job_line.review_responded', organizationId: review.designerOrganizationId, id: review.id });
      return db.findOneByOrFail(JobLineReview, { id: review.id });
    });
  }

  /** The review of a job line (null before there is one), for its designer organisation, the reviewed factory and operators. */
  async ofJobLine(ctx: RequestContext, jobLineId: string): Promise<JobLineReview | null> {
    const principal = ctx.requirePrincipal();
    const line = UUID.test(jobLineId) ? await ctx.db.findOneBy(JobLine, { id: jobLineId }) : null;
    const review = line ? await ctx.db.findOneBy(JobLineReview, { jobLineId: line.id }) : null;
    const award = line ? await ctx.db.findOneBy(Award, { jobLineId: line.id, status: 'active' }) : null;
    const visible =
      line !== null &&
      (principal.role === 'operator' ||
        (principal.role === 'designer' && principal.organizationId === line.organizationId) ||
        (principal.role !== 'designer' && award?.organizationId === principal.organizationId) ||
        (review !== null && (await this.readableBy(ctx, review)) !== null));
    if (!visible) throw new NotFoundError('Job line', jobLineId);
    return review;
  }

  /** A factory's reviews, newest first: its own for factory members, any factory's for operators. */
  async ofFactory(ctx: RequestContext, factoryId: string | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<JobLineReview>> {
    const factory = await this.factoryFor(ctx, factoryId);
    const query = ctx.db.createQueryBuilder(JobLineReview, 'r').where('r.factory_id = :factoryId', { factoryId: factory.id });
    return keysetPage(query, 'r', args, this.config.graphql.maxPageSize, { descending: true });
  }

  async summary(ctx: RequestContext, factoryId: string | null | undefined): Promise<ReviewSummary> {
    const factory = await this.factoryFor(ctx, factoryId);
    const [row]: Array<{ count: number; quality: number | null; communication: number | null; timeliness: number | null }> = await ctx.db.query(
      `SELECT count(*)::int AS count, avg(quality)::float8 AS quality, avg(communication)::float8 AS communication, avg(timeliness)::float8 AS timeliness
         FROM job_line_reviews WHERE factory_id = $1`,
      [factory.id],
    );
    return Object.assign(new ReviewSummary(), row);
  }

  /** The reviewed factory when the caller is one of its members (or an operator); null otherwise. */
  private async readableBy(ctx: RequestContext, review: JobLineReview): Promise<Factory | null> {
    const principal = ctx.requirePrincipal();
    const factory = await ctx.db.findOneByOrFail(Factory, { id: review.factoryId });
    if (principal.role === 'operator' || (principal.role === 'designer' && principal.organizationId === review.designerOrganizationId)) return factory;
    return (principal.role === 'factory_admin' || principal.role === 'factory_member') && principal.organizationId === factory.organizationId ? factory : null;
  }

  private async factoryFor(ctx: RequestContext, factoryId: string | null | undefined): Promise<Factory> {
    const principal = ctx.requirePrincipal();
    if (principal.role === 'operator') {
      if (!factoryId) throw new InvalidInputError('Operators name the factory (factoryId)');
      const factory = UUID.test(factoryId) ? await ctx.db.findOneBy(Factory, { id: factoryId }) : null;
      if (!factory) throw new NotFoundError('Factory', factoryId);
      return factory;
    }
    if (principal.role !== 'factory_admin' && principal.role !== 'factory_member') throw new ForbiddenError('Factories see their own reviews; designers see the reviews they wrote on the job line');
    const own = await ctx.db.findOneBy(Factory, { organizationId: principal.organizationId });
    if (!own || (factoryId && factoryId !== own.id)) throw new NotFoundError('Factory', factoryId ?? 'of your organisation');
    return own;
  }
}

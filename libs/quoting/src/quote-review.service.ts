import { Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { DomainEvents, InvalidInputError, NotFoundError, keysetPage, type ConnectionArgs, type ConnectionShape, type RequestContext } from '@partsmith/platform';
import { COST_LINES, type CostLine, type QuotedResult } from '@partsmith/pricing';
import { Quote, QuoteStatus } from './quote.entity';
import { quoteLifecycle } from './quote-state';

/** The operator's queue of low-confidence quotes: adjust lines with a note, then release. */
@Injectable()
export class QuoteReviewService {
  constructor(
    private readonly access: AccessService,
    private readonly events: DomainEvents,
  ) {}

  async queue(ctx: RequestContext, args: ConnectionArgs, maxPageSize: number): Promise<ConnectionShape<Quote>> {
    this.access.requireOperator(ctx);
    const query = ctx.db.createQueryBuilder(Quote, 'q').where('q.status = :status', { status: QuoteStatus.needs_review });
    return keysetPage(query, 'q', args, maxPageSize);
  }

  /**
   * Sets one per-part cost line of one quantity break. The break is rebuilt so that it still sums
   * exactly: unit price = sum of unit lines; total lines = unit lines × quantity.
   */
  async adjustLine(ctx: RequestContext, input: { quoteId: string; quantity: number; line: string; unitAmountMinor: number; note: string }): Promise<Quote> {
    const principal = this.access.requireOperator(ctx);
    if (!COST_LINES.includes(input.line as CostLine)) throw new InvalidInputError(`line must be one of ${COST_LINES.join(', ')} (got "${input.line}")`);
    if (!Number.isInteger(input.unitAmountMinor) || input.unitAmountMinor < 0) throw new InvalidInputError('unitAmountMinor must be a whole number ≥ 0');
    if (!input.note.trim()) throw new InvalidInputError('Explain the adjustment (note); the designer sees it');
    return ctx.transaction(async (db) => {
      const quote = await this.lockForReview(ctx, input.quoteId);
      const result = structuredClone(quote.result) as QuotedResult;
      const qb = result.breaks.find((b) => b.quantity === input.quantity);
      if (!qb) throw new InvalidInputError(`The quote has no break for quantity ${input.quantity} (it has ${result.breaks.map((b) => b.quantity).join(', ')})`);
      const line = input.line as CostLine;
      const before = qb.unitBreakdown[line];
      qb.unitBreakdown[line] = input.unitAmountMinor;
      const oldUnit = qb.unitPriceMinor;
      qb.unitPriceMinor = COST_LINES.reduce((sum, key) => sum + qb.unitBreakdown[key], 0);
      if (qb.unitPriceMinor <= 0) throw new InvalidInputError('The adjusted unit price must stay above zero');
      qb.totalMinor = qb.unitPriceMinor * qb.quantity;
      for (const key of COST_LINES) qb.breakdown[key] = qb.unitBreakdown[key] * qb.quantity;
      for (const option of qb.leadTimes) {
        option.unitPriceMinor = option.selected ? qb.unitPriceMinor : Math.round((option.unitPriceMinor * qb.unitPriceMinor) / oldUnit);
        option.totalMinor = option.unitPriceMinor * qb.quantity;
      }
      await db.update(Quote, { id: quote.id }, { result });
      await db.query(
        `INSERT INTO quote_adjustments (quote_id, quantity, line, before_minor, after_minor, note, adjusted_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [quote.id, input.quantity, line, before, input.unitAmountMinor, input.note.trim(), principal.userId],
      );
      return db.findOneByOrFail(Quote, { id: quote.id });
    });
  }

  async release(ctx: RequestContext, quoteId: string, note: string): Promise<Quote> {
    const principal = this.access.requireOperator(ctx);
    if (!note.trim()) throw new InvalidInputError('Say what you checked (note); the designer sees it');
    return ctx.transaction(async (db) => {
      const quote = await this.lockForReview(ctx, quoteId);
      quoteLifecycle.transition(quote.status, QuoteStatus.ready);
      await db.update(Quote, { id: quote.id }, { status: QuoteStatus.ready, reviewNote: note.trim(), reviewedBy: principal.userId, reviewedAt: new Date() });
      await this.events.publish(ctx, { type: 'quote.reviewed', organizationId: quote.organizationId, id: quote.id, status: QuoteStatus.ready });
      return db.findOneByOrFail(Quote, { id: quote.id });
    });
  }

  private async lockForReview(ctx: RequestContext, quoteId: string): Promise<Quote> {
    const quote = await ctx.db.createQueryBuilder(Quote, 'q').setLock('pessimistic_write').where('q.id = :id', { id: quoteId }).getOne();
    if (!quote) throw new NotFoundError('Quote', quoteId);
    quoteLifecycle.transition(quote.status, QuoteStatus.ready); // refuses anything not awaiting review
    return quote;
  }
}

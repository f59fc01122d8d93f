import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CatalogService } from '@partsmith/catalog';
import { PartRevision } from '@partsmith/parts';
import { CAPACITY_ESTIMATOR, defineJob, DomainEvents, JobHandler, PermanentJobError, type CapacityEstimator, type JobRun, type RequestContext } from '@partsmith/platform';
import { isPricingError, quote as priceQuote, type PricingCatalog, type QuoteConfig, type QuoteResult } from '@partsmith/pricing';
import { Quote, QuoteStatus } from '../quote.entity';
import { quoteLifecycle } from '../quote-state';

export const PriceQuoteJob = defineJob<{ quoteId: string }>({ queue: 'quoting', name: 'quote.price', attempts: 3, backoffMs: 1_000 });

/** Prices a pending quote from the stored geometry analysis and the current catalog. */
@Injectable()
export class PriceQuoteHandler {
  private readonly logger = new Logger(PriceQuoteHandler.name);

  constructor(
    private readonly catalog: CatalogService,
    private readonly events: DomainEvents,
    @Optional() @Inject(CAPACITY_ESTIMATOR) private readonly capacity?: CapacityEstimator,
  ) {}

  /**
   * Prices once from the tables, then asks the network's real plans how soon the best eligible factories
   * could start a job of that size and prices again with that as the capacity hint (pricing is a pure,
   * millisecond computation). Without a capacity estimator or an eligible factory, table lead times stand.
   */
  private async priceWithCapacity(ctx: RequestContext, geometry: Parameters<typeof priceQuote>[0]['geometry'], config: QuoteConfig, catalog: PricingCatalog): Promise<QuoteResult> {
    const tables = priceQuote({ geometry, config, catalog });
    if (tables.status !== 'quoted' || !this.capacity) return tables;
    const smallest = tables.breaks[0];
    const answer = await this.capacity
      .estimate(ctx, { process: config.process, material: config.material, quantity: smallest.quantity, machineHours: smallest.machineHours })
      .catch((error: Error) => {
        this.logger.warn(`capacity estimate failed, table lead times used: ${error.message}`);
        return null;
      });
    if (!answer) return tables;
    const withCapacity = priceQuote({ geometry, config, catalog, capacity: { earliestStartDays: answer.earliestStartDays } });
    if (withCapacity.status === 'quoted') {
      withCapacity.assumptions.push(
        `Lead times include the earliest start (${answer.earliestStartDays} business days) the ${answer.factoriesAsked} best-scored eligible factories' current plans allow.`,
      );
    }
    return withCapacity;
  }

  @JobHandler(PriceQuoteJob)
  async price({ quoteId }: { quoteId: string }, { ctx }: JobRun): Promise<void> {
    await ctx.transaction(async (db) => {
      const quote = await db.createQueryBuilder(Quote, 'q').setLock('pessimistic_write').where('q.id = :id', { id: quoteId }).getOne();
      if (!quote) throw new PermanentJobError(`quote ${quoteId} does not exist`);
      if (quote.status !== QuoteStatus.pending) return; // already priced (a replayed job)
      const revision = await db.findOneByOrFail(PartRevision, { id: quote.partRevisionId });
      if (!revision.analysis) throw new PermanentJobError(`part revision ${revision.id} has no analysis`);
      const catalog = await this.catalog.pricingCatalog(db);

      let result: QuoteResult;
      try {
        result = await this.priceWithCapacity(ctx, revision.analysis, { ...quote.config }, catalog);
      } catch (error) {
        if (!isPricingError(error)) throw error;
        quoteLifecycle.transition(quote.status, QuoteStatus.failed);
        await db.update(Quote, { id: quote.id }, { status: QuoteStatus.failed, failureReason: error.message, pricedAt: new Date(), catalogVersion: catalog.version });
        await this.events.publish(ctx, { type: 'quote.priced', organizationId: quote.organizationId, id: quote.id, status: QuoteStatus.failed });
        return;
      }
      const status =
        result.status === 'not_manufacturable' ? QuoteStatus.not_manufacturable : result.confidence.needsReview ? QuoteStatus.needs_review : QuoteStatus.ready;
      quoteLifecycle.transition(quote.status, status);
      await db.update(Quote, { id: quote.id }, {
        status,
        result,
        confidence: result.status === 'quoted' ? Math.round(result.confidence.score * 1000) / 1000 : null,
        currency: result.status === 'quoted' ? result.currency : catalog.currency,
        catalogVersion: catalog.version,
        pricedAt: new Date(),
      });
      await this.events.publish(ctx, { type: 'quote.priced', organizationId: quote.organizationId, id: quote.id, status });
      if (status === QuoteStatus.needs_review) this.logger.log(`quote ${quote.id} needs review (confidence ${result.status === 'quoted' ? result.confidence.score : '-'})`);
    });
  }
}

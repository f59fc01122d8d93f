import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CatalogService } from '@partsmith/catalog';
import { AccessService, InputValidationError } from '@partsmith/identity';
import { PartAccess, PartRevisionStatus } from '@partsmith/parts';
import { ForbiddenError, InvalidInputError, NotFoundError, OutboxService, type RequestContext } from '@partsmith/platform';
import { compareProcesses, type PricingCatalog, type ProcessComparison } from '@partsmith/pricing';
import { MoreThan } from 'typeorm';
import { Quote, QuoteStatus } from './quote.entity';
import { PriceQuoteJob } from './jobs/price-quote.job';
import { PartNotReadyError, type RequestQuoteOutcome } from './quoting.results';
import { quoteLifecycle } from './quote-state';

export const DEFAULT_QUOTE_VALIDITY_DAYS = 30;
const MAX_BREAKS = 10;
const MAX_QUANTITY = 1_000_000;

export interface QuoteRequest {
  partId: string;
  /** Default: the part's current revision. */
  partRevisionId?: string;
  process: string;
  material: string;
  finish?: string;
  tolerance?: string;
  inspection?: string;
  leadTier?: string;
  quantities: number[];
}

/** Quote requests (answered at once as `pending`; the quoting worker prices them) and quote reads. */
@Injectable()
export class QuotingService {
  constructor(
    private readonly access: AccessService,
    private readonly parts: PartAccess,
    private readonly catalog: CatalogService,
    private readonly outbox: OutboxService,
  ) {}

  async request(ctx: RequestContext, input: QuoteRequest): Promise<RequestQuoteOutcome> {
    const principal = this.access.requireRole(ctx, 'designer');
    const part = await this.parts.part(ctx, input.partId);
    if (part.organizationId !== principal.organizationId) throw new ForbiddenError('You can only quote your own parts');
    const revisionId = input.partRevisionId ?? part.currentRevisionId;
    const revision = revisionId ? await this.parts.revision(ctx, revisionId) : null;
    if (!revision || revision.partId !== part.id) throw new NotFoundError('Part revision', String(revisionId));
    if (revision.status !== PartRevisionStatus.analyzed) {
      return new PartNotReadyError(
        revision.status === PartRevisionStatus.rejected
          ? `Revision ${revision.revision} could not be analysed (${revision.rejectedReason}); upload a corrected file`
          : `Revision ${revision.revision} is still being analysed; ask again in a moment`,
      );
    }
    const catalog = await this.catalog.pricingCatalog(ctx.db);
    const config = this.normalise(input, catalog);
    if (config instanceof InputValidationError) return config;

    const requestKey = createHash('sha256').update(JSON.stringify({ revision: revision.id, config, catalog: catalog.version })).digest('hex');
    return ctx.transaction(async (db) => {
      await db.query(`SELECT id FROM parts WHERE id = $1 FOR UPDATE`, [part.id]); // serialises revision numbers and duplicate requests
      const existing = await db.findOne(Quote, {
        where: { organizationId: principal.organizationId, requestKey, expiresAt: MoreThan(new Date()) },
        order: { createdAt: 'DESC' },
      });
      if (existing && existing.status !== QuoteStatus.failed && existing.status !== QuoteStatus.ordered) return existing; // identical request: not recomputed (an ordered quote is spent: re-quote)
      const [{ next }] = await db.query(`SELECT coalesce(max(revision), 0) + 1 AS next FROM quotes WHERE part_id = $1`, [part.id]);
      const validityDays = (await this.catalog.settings(db)).settings.quoteValidityDays ?? DEFAULT_QUOTE_VALIDITY_DAYS;
      const quote = await db.save(
        db.create(Quote, {
          organizationId: principal.organizationId,
          partId: part.id,
          partRevisionId: revision.id,
          revision: next,
          requestKey,
          config,
          status: QuoteStatus.pending,
          requestedBy: principal.userId,
          expiresAt: new Date(Date.now() + validityDays * 86_400_000),
        }),
      );
      await this.outbox.add(ctx, PriceQuoteJob, { quoteId: quote.id });
      return db.findOneByOrFail(Quote, { id: quote.id });
    });
  }

  /** Checks codes against the active catalog and fills defaults, so the worker only sees sound requests. */
  private normalise(input: QuoteRequest, catalog: PricingCatalog): Quote['config'] | InputValidationError {
    const process = catalog.processes.find((p) => p.code === input.process);
    if (!process) return new InputValidationError('process', `Unknown process "${input.process}"; one of ${catalog.processes.map((p) => p.code).join(', ')}`);
    const material = catalog.materials.find((m) => m.code === input.material);
    if (!material || !material.processes.includes(process.code)) {
      const offered = catalog.materials.filter((m) => m.processes.includes(process.code)).map((m) => m.code);
      return new InputValidationError('material', `${process.name} does not offer "${input.material}"; choose one of ${offered.join(', ')}`);
    }
    const pick = <T extends { code: string }>(field: string, list: T[], code: string | undefined, fallback: string) => {
      const chosen = code ?? fallback;
      return list.some((item) => item.code === chosen) ? chosen : new InputValidationError(field, `Unknown ${field} "${chosen}"; one of ${list.map((i) => i.code).join(', ')}`);
    };
    const finish = pick('finish', catalog.finishes, input.finish, process.defaultFinish);
    const tolerance = pick('tolerance', catalog.tolerances, input.tolerance, process.defaultTolerance);
    const inspection = pick('inspection', catalog.inspections, input.inspection, 'standard');
    const leadTier = pick('leadTier', catalog.leadTiers, input.leadTier, 'standard');
    for (const value of [finish, tolerance, inspection, leadTier]) if (value instanceof InputValidationError) return value;
    const quantities = [...new Set(input.quantities)].sort((a, b) => a - b);
    if (quantities.length === 0) return new InputValidationError('quantities', 'Give at least one quantity');
    if (quantities.length > MAX_BREAKS) return new InputValidationError('quantities', `At most ${MAX_BREAKS} quantity breaks per quote`);
    const bad = quantities.find((q) => !Number.isInteger(q) || q < 1 || q > MAX_QUANTITY);
    if (bad !== undefined) return new InputValidationError('quantities', `Quantities must be whole numbers from 1 to ${MAX_QUANTITY.toLocaleString('en')} (got ${bad})`);
    return { process: process.code, material: material.code, finish: finish as string, tolerance: tolerance as string, inspection: inspection as string, leadTier: leadTier as string, quantities };
  }

  async quote(ctx: RequestContext, id: string): Promise<Quote> {
    const principal = ctx.requirePrincipal();
    const quote = await ctx.db.findOneBy(Quote, { id });
    if (!quote) throw new NotFoundError('Quote', id);
    if (!(principal.role === 'operator' || (principal.role === 'designer' && principal.organizationId === quote.organizationId))) {
      throw new ForbiddenError('This quote belongs to another organisation');
    }
    return quote;
  }

  async quotesForPart(ctx: RequestContext, partId: string): Promise<Quote[]> {
    await this.parts.part(ctx, partId); // access check
    return ctx.db.find(Quote, { where: { partId }, order: { revision: 'DESC' } });
  }

  /** Prices the part on every process the catalog offers, at once (pure computation, nothing stored). */
  async compare(ctx: RequestContext, partId: string, quantities: number[]): Promise<ProcessComparison> {
    const part = await this.parts.part(ctx, partId);
    const revision = part.currentRevisionId ? await this.parts.revision(ctx, part.currentRevisionId) : null;
    if (!revision?.analysis) throw new InvalidInputError(`Part ${part.name} has no analysed revision yet; wait for the analysis`);
    const breaks = [...new Set(quantities)];
    if (breaks.length === 0 || breaks.length > MAX_BREAKS || breaks.some((q) => !Number.isInteger(q) || q < 1 || q > MAX_QUANTITY)) {
      throw new InvalidInputError(`Give 1 to ${MAX_BREAKS} whole quantities from 1 to ${MAX_QUANTITY.toLocaleString('en')}`);
    }
    return compareProcesses(revision.analysis, await this.catalog.pricingCatalog(ctx.db), breaks.sort((a, b) => a - b));
  }

  /**
   * For checkout (orders context): the quote, locked FOR UPDATE in the caller's transaction so two
   * checkouts of one quote serialise. Another organisation's quote looks like a missing one.
   */
  async lockForOrder(ctx: RequestContext, quoteId: string): Promise<Quote> {
    const principal = ctx.requirePrincipal();
    const quote = await ctx.db.createQueryBuilder(Quote, 'q').setLock('pessimistic_write').where('q.id = :quoteId', { quoteId }).getOne();
    if (!quote || quote.organizationId !== principal.organizationId) throw new NotFoundError('Quote', quoteId);
    return quote;
  }

  /** ready → ordered (quoteLifecycle); from then on the row is immutable (trigger). Caller holds the lock. */
  async markOrdered(ctx: RequestContext, quote: Quote): Promise<void> {
    quoteLifecycle.transition(quote.status, QuoteStatus.ordered);
    await ctx.db.query(`UPDATE quotes SET status = 'ordered', ordered_at = now() WHERE id = $1`, [quote.id]);
    quote.status = QuoteStatus.ordered;
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@partsmith/platform';
import type { SourcingJob } from './dto/job-board.types';
import { Award, Offer } from './entities';
import { SourcingAccess } from './sourcing-access.service';

/** Nested reads of a job the caller may already see: offers (a factory only its own) and the award. */
@Injectable()
export class SourcingReads {
  constructor(private readonly access: SourcingAccess) {}

  async offers(ctx: RequestContext, job: SourcingJob): Promise<Offer[]> {
    const principal = ctx.requirePrincipal();
    const scope = this.access.offerScope(principal, job as never);
    return ctx.db.find(Offer, { where: { jobLineId: job.id, ...(scope.organizationId ? { organizationId: scope.organizationId } : {}) }, order: { createdAt: 'ASC' } });
  }

  async award(ctx: RequestContext, job: SourcingJob): Promise<Award | null> {
    const principal = ctx.requirePrincipal();
    const award = await ctx.db.findOneBy(Award, { jobLineId: job.id, status: 'active' });
    if (!award) return null;
    const scope = this.access.offerScope(principal, job as never);
    return !scope.organizationId || scope.organizationId === award.organizationId ? award : null;
  }

  /** The caller factory's offers, newest first (open ones on top). */
  async myOffers(ctx: RequestContext): Promise<Offer[]> {
    const caller = await this.access.callerFactory(ctx);
    return ctx.db.find(Offer, { where: { organizationId: caller.organizationId }, order: { createdAt: 'DESC' }, take: 200 });
  }
}

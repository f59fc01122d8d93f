import { Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { ForbiddenError, NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Offer, SourcingJobRow } from './entities';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CallerFactory {
  factoryId: string;
  organizationId: string;
  principal: Principal;
}

/**
 * Who sees which sourcing job and offer. Operators: everything. Designers: their organisation's job lines
 * and the offers on them. Factories: job lines they were found eligible for, offered or awarded — and only
 * their own offers. Anything else looks exactly like a missing object.
 */
@Injectable()
export class SourcingAccess {
  constructor(private readonly access: AccessService) {}

  isOperator(principal: Principal): boolean {
    return this.access.isOperator(principal);
  }

  isFactory(principal: Principal): boolean {
    return principal.role === 'factory_admin' || principal.role === 'factory_member';
  }

  /** The caller's factory (a member of a factory organisation with a profile). */
  async callerFactory(ctx: RequestContext): Promise<CallerFactory> {
    const principal = this.access.requireRole(ctx, 'factory_admin', 'factory_member');
    const [row] = await ctx.db.query(`SELECT id FROM factories WHERE organization_id = $1`, [principal.organizationId]);
    if (!row) throw new ForbiddenError('Your organisation has no factory profile yet: apply as a factory first (applyAsFactory)');
    return { factoryId: row.id, organizationId: principal.organizationId, principal };
  }

  /** May this factory organisation look at this job line before award (eligible, offered or awarded)? */
  async factoryMaySee(ctx: RequestContext, factoryOrganizationId: string, jobLineId: string): Promise<boolean> {
    const [row] = await ctx.db.query(
      `SELECT EXISTS (SELECT 1 FROM sourcing_candidates WHERE job_line_id = $1 AND organization_id = $2)
           OR EXISTS (SELECT 1 FROM offers WHERE job_line_id = $1 AND organization_id = $2)
           OR EXISTS (SELECT 1 FROM awards WHERE job_line_id = $1 AND organization_id = $2 AND status = 'active') AS visible`,
      [jobLineId, factoryOrganizationId],
    );
    return row.visible === true;
  }

  /** Every factory organisation that may look at this job line (eligible, offered or awarded). */
  async factoryOrganizationsThatMaySee(ctx: RequestContext, jobLineId: string): Promise<string[]> {
    const rows: Array<{ organization_id: string }> = await ctx.db.query(
      `SELECT organization_id FROM sourcing_candidates WHERE job_line_id = $1
        UNION SELECT organization_id FROM offers WHERE job_line_id = $1
        UNION SELECT organization_id FROM awards WHERE job_line_id = $1 AND status = 'active'`,
      [jobLineId],
    );
    return rows.map((row) => row.organization_id);
  }

  async job(ctx: RequestContext, jobLineId: string): Promise<SourcingJobRow> {
    const principal = ctx.requirePrincipal();
    const job = UUID.test(jobLineId) ? await ctx.db.findOneBy(SourcingJobRow, { jobLineId }) : null;
    if (!job) throw new NotFoundError('Sourcing job', jobLineId);
    if (this.isOperator(principal)) return job;
    if (principal.role === 'designer' && principal.organizationId === job.organizationId) return job;
    if (this.isFactory(principal) && (await this.factoryMaySee(ctx, principal.organizationId, jobLineId))) return job;
    throw new NotFoundError('Sourcing job', jobLineId);
  }

  /** The caller factory's own offer, locked FOR UPDATE in the caller's transaction. */
  async lockOwnOffer(ctx: RequestContext, offerId: string): Promise<{ offer: Offer; caller: CallerFactory }> {
    const caller = await this.callerFactory(ctx);
    const offer = UUID.test(offerId) ? await ctx.db.createQueryBuilder(Offer, 'o').setLock('pessimistic_write').where('o.id = :offerId', { offerId }).getOne() : null;
    if (!offer || offer.organizationId !== caller.organizationId) throw new NotFoundError('Offer', offerId);
    return { offer, caller };
  }

  /** An offer on the designer's own job line (or any, for operators), locked FOR UPDATE. */
  async lockOfferForDesigner(ctx: RequestContext, offerId: string): Promise<{ offer: Offer; job: SourcingJobRow }> {
    const principal = this.access.requireRole(ctx, 'designer', 'operator');
    const offer = UUID.test(offerId) ? await ctx.db.createQueryBuilder(Offer, 'o').setLock('pessimistic_write').where('o.id = :offerId', { offerId }).getOne() : null;
    const job = offer ? await ctx.db.findOneBy(SourcingJobRow, { jobLineId: offer.jobLineId }) : null;
    if (!offer || !job || (!this.isOperator(principal) && job.organizationId !== principal.organizationId)) throw new NotFoundError('Offer', offerId);
    return { offer, job };
  }

  /** Offers the caller may see on a job: all for its designer and operators, only its own for a factory. */
  offerScope(principal: Principal, job: SourcingJobRow): { organizationId: string | null } {
    if (this.isOperator(principal) || (principal.role === 'designer' && principal.organizationId === job.organizationId)) return { organizationId: null };
    return { organizationId: principal.organizationId };
  }
}

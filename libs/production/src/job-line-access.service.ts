import { Injectable } from '@nestjs/common';
import { JobLine, Order, UUID } from '@partsmith/orders';
import { ForbiddenError, NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Award } from '@partsmith/sourcing';

/** How the caller relates to a job line: the ordering designer's org, the awarded factory's members, or an operator. */
export type JobLineRelation = 'designer' | 'factory' | 'operator';

export interface LocatedJobLine {
  line: JobLine;
  order: Order;
  award: Award | null;
  relation: JobLineRelation;
}

/**
 * The one access check of production tracking: who may see or act on a job line after award. The ordering
 * designer organisation, the members of the awarded factory and operators see it; anyone else (another
 * designer organisation, a factory that did not win) gets exactly what a missing job line gives.
 */
@Injectable()
export class JobLineAccess {
  /** The job line the caller may see; with `lock`, its order is locked FOR UPDATE in the caller's transaction and the line re-read. */
  async locate(ctx: RequestContext, jobLineId: string, lock: boolean): Promise<LocatedJobLine> {
    const principal = ctx.requirePrincipal();
    const found = UUID.test(jobLineId) ? await ctx.db.findOneBy(JobLine, { id: jobLineId }) : null;
    if (!found) throw new NotFoundError('Job line', jobLineId);
    const award = await ctx.db.findOneBy(Award, { jobLineId: found.id, status: 'active' });
    const relation = relationOf(principal, found, award);
    if (!relation) throw new NotFoundError('Job line', jobLineId);
    if (!lock) return { line: found, order: await ctx.db.findOneByOrFail(Order, { id: found.orderId }), award, relation };
    return { ...(await this.lockLine(ctx, found)), award, relation };
  }

  /** The job line for an action only `relation` may take, locked as in `locate` (by default: callers run in a transaction). */
  async locateAs(ctx: RequestContext, jobLineId: string, relation: JobLineRelation, lock = true): Promise<LocatedJobLine> {
    const located = await this.locate(ctx, jobLineId, lock);
    if (located.relation !== relation) throw new ForbiddenError(FORBIDDEN[relation]);
    return located;
  }

  /** For system work (jobs): the order locked and the line re-read, no caller check. */
  async lockLine(ctx: RequestContext, line: Pick<JobLine, 'id' | 'orderId'>): Promise<{ line: JobLine; order: Order }> {
    const order = await ctx.db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :id', { id: line.orderId }).getOneOrFail();
    return { line: await ctx.db.findOneByOrFail(JobLine, { id: line.id }), order };
  }
}

const FORBIDDEN: Record<JobLineRelation, string> = {
  factory: 'Only the awarded factory reports production of this job line',
  designer: 'Only the ordering organisation accepts or disputes this job line',
  operator: 'Only a Partsmith operator can do this',
};

function relationOf(principal: Principal, line: JobLine, award: Award | null): JobLineRelation | null {
  if (principal.role === 'operator') return 'operator';
  if (principal.role === 'designer' && principal.organizationId === line.organizationId) return 'designer';
  if ((principal.role === 'factory_admin' || principal.role === 'factory_member') && award && award.organizationId === principal.organizationId) return 'factory';
  return null;
}

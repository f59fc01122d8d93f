import { Injectable } from '@nestjs/common';
import { JobLine, JobLineStatus } from '@partsmith/orders';
import { NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Award, SourcingAccess, SourcingJobStatus, UUID } from '@partsmith/sourcing';
import { MessageThreadRow, MessageThreadKind, type MessageSide } from './entities';

/** How the caller takes part in a thread: writing for one side, or reading as an operator. */
export type ThreadRole = MessageSide | 'operator';

export interface ThreadAccess {
  thread: MessageThreadRow;
  role: ThreadRole;
  principal: Principal;
  /** Whether the caller may post now (operators never do). */
  canPost: boolean;
}

const isFactoryRole = (principal: Principal) => principal.role === 'factory_admin' || principal.role === 'factory_member';

/**
 * Who may read and write which thread — the one check every messaging call goes through.
 * Job-line thread: the ordering designer organisation and the factory holding the active award (a
 * factory whose award was revoked loses it); operators read. Pre-award Q&A: the designer organisation
 * and every factory that may see the sourcing job (eligible, offered or awarded — sourcing's own rule);
 * operators read. Anyone else gets exactly what a missing thread looks like.
 */
@Injectable()
export class MessagingAccess {
  constructor(private readonly sourcing: SourcingAccess) {}

  /** The job-line thread with the awarded factory, created on first use. */
  async jobLineThread(ctx: RequestContext, jobLineId: string): Promise<ThreadAccess> {
    const principal = ctx.requirePrincipal();
    const line = UUID.test(jobLineId) ? await ctx.db.findOneBy(JobLine, { id: jobLineId }) : null;
    const award = line ? await ctx.db.findOneBy(Award, { jobLineId: line.id, status: 'active' }) : null;
    if (!line || !this.mayUseJobLine(principal, line, award)) throw new NotFoundError('Job line', jobLineId);
    if (!award) throw new NotFoundError('MessageRow thread of job line (no factory is awarded yet; ask in the sourcing Q&A)', jobLineId);
    const thread = await this.ensureThread(ctx, MessageThreadKind.job_line, line, award.organizationId);
    return this.forJobLine(principal, thread, line, award);
  }

  /** The pre-award Q&A of a sourcing job, created on first use. */
  async qaThread(ctx: RequestContext, jobLineId: string): Promise<ThreadAccess> {
    const principal = ctx.requirePrincipal();
    const job = await this.sourcing.job(ctx, jobLineId); // NOT_FOUND for anyone who may not see the job
    const line = await ctx.db.findOneByOrFail(JobLine, { id: job.jobLineId });
    const thread = await this.ensureThread(ctx, MessageThreadKind.pre_award_qa, line, null);
    return this.forQa(principal, thread, job.status);
  }

  /** A thread by id, for whoever may see it. */
  async thread(ctx: RequestContext, threadId: string, options: { lock?: boolean } = {}): Promise<ThreadAccess> {
    const principal = ctx.requirePrincipal();
    const query = ctx.db.createQueryBuilder(MessageThreadRow, 't').where('t.id = :threadId', { threadId });
    if (options.lock) query.setLock('pessimistic_write');
    const thread = UUID.test(threadId) ? await query.getOne() : null;
    if (!thread) throw new NotFoundError('MessageRow thread', threadId);
    const access = await this.check(ctx, principal, thread);
    if (!access) throw new NotFoundError('MessageRow thread', threadId);
    return access;
  }

  /** The caller's access to a thread already loaded, or null when they may not see it. */
  async check(ctx: RequestContext, principal: Principal, thread: MessageThreadRow): Promise<ThreadAccess | null> {
    const line = await ctx.db.findOneByOrFail(JobLine, { id: thread.jobLineId });
    if (thread.kind === MessageThreadKind.job_line) {
      const award = await ctx.db.findOneBy(Award, { jobLineId: line.id, status: 'active' });
      if (!this.mayUseJobLine(principal, line, award)) return null;
      // A factory only sees the thread of its own active award; the designer sees every thread of the line.
      if (isFactoryRole(principal) && thread.factoryOrganizationId !== principal.organizationId) return null;
      return this.forJobLine(principal, thread, line, award);
    }
    const job = await this.sourcing.job(ctx, line.id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    return job ? this.forQa(principal, thread, job.status) : null;
  }

  /** Every factory organisation that may read a Q&A thread (to tell them the designer answered). */
  factoryOrganizationsOf(ctx: RequestContext, thread: MessageThreadRow): Promise<string[]> {
    return this.sourcing.factoryOrganizationsThatMaySee(ctx, thread.jobLineId);
  }

  private mayUseJobLine(principal: Principal, line: JobLine, award: Award | null): boolean {
    if (principal.role === 'operator') return true;
    if (principal.role === 'designer') return principal.organizationId === line.organizationId;
    return isFactoryRole(principal) && award !== null && award.organizationId === principal.organizationId;
  }

  private forJobLine(principal: Principal, thread: MessageThreadRow, line: JobLine, award: Award | null): ThreadAccess {
    const role: ThreadRole = principal.role === 'operator' ? 'operator' : principal.role === 'designer' ? 'designer' : 'factory';
    const current = award !== null && award.organizationId === thread.factoryOrganizationId;
    return { thread, role, principal, canPost: role !== 'operator' && current && line.status !== JobLineStatus.cancelled };
  }

  private forQa(principal: Principal, thread: MessageThreadRow, status: SourcingJobStatus): ThreadAccess {
    const role: ThreadRole = principal.role === 'operator' ? 'operator' : principal.role === 'designer' ? 'designer' : 'factory';
    const open = status === SourcingJobStatus.open || status === SourcingJobStatus.stalled;
    return { thread, role, principal, canPost: role !== 'operator' && open };
  }

  private async ensureThread(ctx: RequestContext, kind: MessageThreadKind, line: JobLine, factoryOrganizationId: string | null): Promise<MessageThreadRow> {
    const conflict = kind === MessageThreadKind.job_line ? `(job_line_id, factory_organization_id) WHERE kind = 'job_line'` : `(job_line_id) WHERE kind = 'pre_award_qa'`;
    await ctx.db.query(
      `INSERT INTO message_threads (kind, job_line_id, designer_organization_id, factory_organization_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT ${conflict} DO NOTHING`,
      [kind, line.id, line.organizationId, factoryOrganizationId],
    );
    return ctx.db.findOneByOrFail(MessageThreadRow, factoryOrganizationId ? { kind, jobLineId: line.id, factoryOrganizationId } : { kind, jobLineId: line.id });
  }
}

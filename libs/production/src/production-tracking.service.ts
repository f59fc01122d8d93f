import { Injectable } from '@nestjs/common';
import { ScorecardService } from '@partsmith/factories';
import { InputValidationError } from '@partsmith/identity';
import { JobLine, JobLineStatus, Order, OrderTransitions, UUID, jobLineLifecycle } from '@partsmith/orders';
import { PaymentsFacade } from '@partsmith/payments';
import { AuditTrail, DomainEvents, ErrorResult, ForbiddenError, IllegalTransitionError, NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Award } from '@partsmith/sourcing';
import { JobLineMilestone, JobLineShipment, MilestoneKind } from './entities';
import type {
  AcceptDeliveryOutcome,
  MarkDeliveredOutcome,
  OpenDisputeOutcome,
  PostMilestoneOutcome,
  ShipJobLineOutcome,
} from './production.results';
import { JobLineProgress } from './production.results';

/** How the caller relates to a job line: the ordering designer's org, the awarded factory's members, or an operator. */
type Relation = 'designer' | 'factory' | 'operator';

interface Located {
  line: JobLine;
  order: Order;
  award: Award | null;
  relation: Relation;
}

const NOTE_MAX = 2000;
const FIELD_MAX = 100;

/**
 * Production tracking and acceptance of a job line after award. Authorization lives here: only members of
 * the awarded factory post milestones, ship and mark delivered; only the ordering designer's organisation
 * accepts or disputes; operators read everything. Anyone else sees a missing job line. Every status change
 * goes through OrderTransitions under the order's row lock (an illegal step throws IllegalTransitionError);
 * payments are told in the same transaction, and a refusal from payments comes back as a result member
 * before anything is written here.
 */
@Injectable()
export class ProductionTrackingService {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsFacade,
    private readonly scorecards: ScorecardService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  async progress(ctx: RequestContext, jobLineId: string): Promise<JobLineProgress> {
    const located = await this.locate(ctx, jobLineId, false);
    return this.progressOf(ctx, located);
  }

  async postMilestone(ctx: RequestContext, jobLineId: string, kind: MilestoneKind, note?: string | null): Promise<PostMilestoneOutcome> {
    const text = note?.trim() || null;
    if (text && text.length > NOTE_MAX) return new InputValidationError('note', `A note is at most ${NOTE_MAX} characters`);
    return ctx.transaction(async (db) => {
      const { line, order, award } = await this.locateAs(ctx, jobLineId, 'factory');
      if (line.status === JobLineStatus.awarded || line.status === JobLineStatus.scheduled) {
        await this.transitions.jobLine(ctx, order, line, JobLineStatus.in_production, `milestone ${kind}`);
      } else if (line.status !== JobLineStatus.in_production) {
        throw new IllegalTransitionError('job line', line.status, `${JobLineStatus.in_production} (milestone ${kind})`);
      }
      const milestone = await db.save(db.create(JobLineMilestone, { jobLineId: line.id, factoryId: award!.factoryId, kind, note: text, postedBy: ctx.principal?.userId ?? null }));
      await this.audit.record(ctx, {
        action: 'job_line.milestone',
        subjectType: 'job_line',
        subjectId: line.id,
        subjectOrganizationId: line.organizationId,
        details: { milestoneId: milestone.id, kind, factoryId: award!.factoryId },
      });
      await this.events.publish(ctx, { type: 'job_line.milestone', organizationId: line.organizationId, id: line.id, status: kind });
      return db.findOneByOrFail(JobLineMilestone, { id: milestone.id });
    });
  }

  async ship(ctx: RequestContext, jobLineId: string, carrier: string, trackingNumber: string): Promise<ShipJobLineOutcome> {
    const carrierText = carrier?.trim() ?? '';
    const tracking = trackingNumber?.trim() ?? '';
    if (!carrierText || carrierText.length > FIELD_MAX) return new InputValidationError('carrier', `The carrier is 1 to ${FIELD_MAX} characters`);
    if (!tracking || tracking.length > FIELD_MAX) return new InputValidationError('trackingNumber', `The tracking number is 1 to ${FIELD_MAX} characters`);
    return ctx.transaction(async (db) => {
      const located = await this.locateAs(ctx, jobLineId, 'factory');
      const { line, order, award } = located;
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.shipped, `${carrierText} ${tracking}`);
      await db.query(
        `INSERT INTO job_line_shipments (job_line_id, factory_id, carrier, tracking_number, shipped_by) VALUES ($1, $2, $3, $4, $5)`,
        [line.id, award!.factoryId, carrierText, tracking, ctx.principal?.userId ?? null],
      );
      await this.events.publish(ctx, { type: 'job_line.shipped', organizationId: line.organizationId, id: line.id, status: JobLineStatus.shipped });
      return this.progressOf(ctx, located);
    });
  }

  async markDelivered(ctx: RequestContext, jobLineId: string): Promise<MarkDeliveredOutcome> {
    return ctx.transaction(async (db) => {
      const located = await this.locateAs(ctx, jobLineId, 'factory');
      const { line, order } = located;
      jobLineLifecycle.transition(line.status, JobLineStatus.delivered); // throws before payments hear of it
      const deliveredAt = new Date();
      const recorded = await this.payments.recordDelivery(ctx, { orderId: order.id, allocationKey: line.id, deliveredAt });
      if (recorded instanceof ErrorResult) return recorded;
      await db.query(`UPDATE job_line_shipments SET delivered_at = $2, delivered_by = $3 WHERE job_line_id = $1`, [line.id, deliveredAt, ctx.principal?.userId ?? null]);
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.delivered);
      return this.progressOf(ctx, located);
    });
  }

  async accept(ctx: RequestContext, jobLineId: string): Promise<AcceptDeliveryOutcome> {
    return ctx.transaction(async (db) => {
      const located = await this.locateAs(ctx, jobLineId, 'designer');
      const { line, order, award } = located;
      // The designer accepts a delivery; disputed → accepted is the operator's resolution, not this.
      if (line.status !== JobLineStatus.delivered) throw new IllegalTransitionError('job line', line.status, JobLineStatus.accepted);
      const released = await this.payments.acceptDelivery(ctx, { orderId: order.id, allocationKey: line.id });
      if (released instanceof ErrorResult) return released;
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.accepted, 'accepted by the designer');
      const shipment = await db.findOneBy(JobLineShipment, { jobLineId: line.id });
      const deliveredAt = shipment?.deliveredAt ?? new Date();
      const sourceRef = `job_line:${line.id}`;
      await this.scorecards.recordEvent(ctx, {
        factoryId: award!.factoryId,
        kind: deliveredAt.getTime() <= line.dueDate.getTime() ? 'delivery_on_time' : 'delivery_late',
        sourceRef,
        occurredAt: deliveredAt,
      });
      await this.scorecards.recordEvent(ctx, { factoryId: award!.factoryId, kind: 'accepted_clean', sourceRef });
      await this.events.publish(ctx, { type: 'job_line.accepted', organizationId: award!.organizationId, id: line.id, status: JobLineStatus.accepted });
      return this.progressOf(ctx, located);
    });
  }

  async openDispute(ctx: RequestContext, jobLineId: string, reason: string): Promise<OpenDisputeOutcome> {
    const text = reason?.trim() ?? '';
    if (!text || text.length > NOTE_MAX) return new InputValidationError('reason', `Say what is wrong (1 to ${NOTE_MAX} characters)`);
    return ctx.transaction(async () => {
      const located = await this.locateAs(ctx, jobLineId, 'designer');
      const { line, order, award } = located;
      jobLineLifecycle.transition(line.status, JobLineStatus.disputed);
      const dispute = await this.payments.openDeliveryDispute(ctx, { orderId: order.id, allocationKey: line.id, reason: text, openedByOrganizationId: line.organizationId });
      if (dispute instanceof ErrorResult) return dispute;
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.disputed, text);
      await this.scorecards.recordEvent(ctx, { factoryId: award!.factoryId, kind: 'disputed', sourceRef: `job_line:${line.id}` });
      await this.events.publish(ctx, { type: 'job_line.disputed', organizationId: award!.organizationId, id: line.id, status: JobLineStatus.disputed });
      return this.progressOf(ctx, located);
    });
  }

  /** The job line for an action only `relation` may take, with its order locked FOR UPDATE (in the caller's transaction). */
  private async locateAs(ctx: RequestContext, jobLineId: string, relation: Exclude<Relation, 'operator'>): Promise<Located> {
    const located = await this.locate(ctx, jobLineId, true);
    if (located.relation !== relation) {
      throw new ForbiddenError(relation === 'factory' ? 'Only the awarded factory reports production of this job line' : 'Only the ordering organisation accepts or disputes this job line');
    }
    return located;
  }

  private async locate(ctx: RequestContext, jobLineId: string, lock: boolean): Promise<Located> {
    const principal = ctx.requirePrincipal();
    const found = UUID.test(jobLineId) ? await ctx.db.findOneBy(JobLine, { id: jobLineId }) : null;
    if (!found) throw new NotFoundError('Job line', jobLineId);
    const award = await ctx.db.findOneBy(Award, { jobLineId: found.id, status: 'active' });
    const relation = this.relation(principal, found, award);
    if (!relation) throw new NotFoundError('Job line', jobLineId);
    if (!lock) return { line: found, order: await ctx.db.findOneByOrFail(Order, { id: found.orderId }), award, relation };
    const order = await ctx.db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :id', { id: found.orderId }).getOneOrFail();
    const line = await ctx.db.findOneByOrFail(JobLine, { id: found.id }); // re-read under the order lock
    return { line, order, award, relation };
  }

  private relation(principal: Principal, line: JobLine, award: Award | null): Relation | null {
    if (principal.role === 'operator') return 'operator';
    if (principal.role === 'designer' && principal.organizationId === line.organizationId) return 'designer';
    if ((principal.role === 'factory_admin' || principal.role === 'factory_member') && award && award.organizationId === principal.organizationId) return 'factory';
    return null;
  }

  private async progressOf(ctx: RequestContext, { line, award }: Located): Promise<JobLineProgress> {
    const current = await ctx.db.findOneByOrFail(JobLine, { id: line.id });
    const progress = new JobLineProgress();
    progress.jobLineId = current.id;
    progress.orderId = current.orderId;
    progress.status = current.status;
    progress.dueDate = current.dueDate;
    progress.factoryId = award?.factoryId ?? null;
    progress.milestones = await ctx.db.find(JobLineMilestone, { where: { jobLineId: current.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    progress.shipment = await ctx.db.findOneBy(JobLineShipment, { jobLineId: current.id });
    return progress;
  }
}

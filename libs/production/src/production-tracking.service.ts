import { Inject, Injectable } from '@nestjs/common';
import { InputValidationError } from '@partsmith/identity';
import { JobLine, JobLineStatus, OrderTransitions, jobLineLifecycle } from '@partsmith/orders';
import { PaymentsFacade } from '@partsmith/payments';
import { APP_CONFIG, AuditTrail, DomainEvents, ErrorResult, IllegalTransitionError, OutboxService, type AppConfig, type RequestContext } from '@partsmith/platform';
import type { Award } from '@partsmith/sourcing';
import { JobLineCancellation, JobLineDispute, JobLineMilestone, JobLineShipment, MilestoneKind } from './entities';
import { inspectionReportName, missingInspectionReport, requiredInspectionReport } from './inspection-evidence';
import { AutoAcceptDeliveryJob } from './jobs/production-jobs';
import { JobLineAccess } from './job-line-access.service';
import { ProductionEvidenceService } from './production-evidence.service';
import type { MarkDeliveredOutcome, PostMilestoneOutcome, ShipJobLineOutcome } from './production.results';
import { InspectionEvidenceMissingError, JobLineProgress } from './production.results';

const NOTE_MAX = 2000;
const FIELD_MAX = 100;

/**
 * Production tracking of a job line after award: milestones, shipment and delivery, by the awarded factory
 * only (JobLineAccess decides; anyone else sees a missing job line). Every status change goes through
 * OrderTransitions under the order's row lock (an illegal step throws IllegalTransitionError).
 *
 * Inspection rule: a line whose inspection level needs a report (CMM, AS9102 first article) cannot ship
 * until that report is uploaded — the parts and their report travel together, and the escrow (payments)
 * is never released without it. Delivery starts the acceptance window: a delayed job accepts the line
 * automatically at its end unless the designer accepted or disputed first.
 */
@Injectable()
export class ProductionTrackingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: JobLineAccess,
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsFacade,
    private readonly evidence: ProductionEvidenceService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
    private readonly outbox: OutboxService,
  ) {}

  async progress(ctx: RequestContext, jobLineId: string): Promise<JobLineProgress> {
    const located = await this.access.locate(ctx, jobLineId, false);
    return this.progressOf(ctx, located.line, located.award);
  }

  async postMilestone(ctx: RequestContext, jobLineId: string, kind: MilestoneKind, note?: string | null): Promise<PostMilestoneOutcome> {
    const text = note?.trim() || null;
    if (text && text.length > NOTE_MAX) return new InputValidationError('note', `A note is at most ${NOTE_MAX} characters`);
    return ctx.transaction(async (db) => {
      const { line, order, award } = await this.access.locateAs(ctx, jobLineId, 'factory');
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
      const { line, order, award } = await this.access.locateAs(ctx, jobLineId, 'factory');
      jobLineLifecycle.transition(line.status, JobLineStatus.shipped); // an illegal step is refused before anything else
      const missing = missingInspectionReport(line.inspectionLevel, await this.evidence.inspectionKinds(ctx, line.id));
      if (missing) {
        return new InspectionEvidenceMissingError(
          `This job line was ordered with inspection level "${line.inspectionLevel}": upload ${inspectionReportName(missing)} ` +
            `(POST /production/job-lines/${line.id}/inspection-evidence with kind=${missing}) before shipping`,
        );
      }
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.shipped, `${carrierText} ${tracking}`);
      await db.query(
        `INSERT INTO job_line_shipments (job_line_id, factory_id, carrier, tracking_number, shipped_by) VALUES ($1, $2, $3, $4, $5)`,
        [line.id, award!.factoryId, carrierText, tracking, ctx.principal?.userId ?? null],
      );
      await this.events.publish(ctx, { type: 'job_line.shipped', organizationId: line.organizationId, id: line.id, status: JobLineStatus.shipped });
      return this.progressOf(ctx, line, award);
    });
  }

  async markDelivered(ctx: RequestContext, jobLineId: string): Promise<MarkDeliveredOutcome> {
    return ctx.transaction(async (db) => {
      const { line, order, award } = await this.access.locateAs(ctx, jobLineId, 'factory');
      jobLineLifecycle.transition(line.status, JobLineStatus.delivered); // throws before payments hear of it
      const deliveredAt = new Date();
      const recorded = await this.payments.recordDelivery(ctx, { orderId: order.id, allocationKey: line.id, deliveredAt });
      if (recorded instanceof ErrorResult) return recorded;
      await db.query(`UPDATE job_line_shipments SET delivered_at = $2, delivered_by = $3 WHERE job_line_id = $1`, [line.id, deliveredAt, ctx.principal?.userId ?? null]);
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.delivered);
      await this.outbox.add(ctx, AutoAcceptDeliveryJob, { jobLineId: line.id }, { delayMs: this.config.production.acceptanceWindowSeconds * 1000 });
      return this.progressOf(ctx, line, award);
    });
  }

  /** When the acceptance window of a delivered line closes (null before delivery). */
  acceptBy(shipment: JobLineShipment | null): Date | null {
    return shipment?.deliveredAt ? new Date(shipment.deliveredAt.getTime() + this.config.production.acceptanceWindowSeconds * 1000) : null;
  }

  /** The progress view of a job line the caller was already allowed to see. */
  async progressOf(ctx: RequestContext, line: Pick<JobLine, 'id'>, award: Award | null): Promise<JobLineProgress> {
    const current = await ctx.db.findOneByOrFail(JobLine, { id: line.id });
    const progress = new JobLineProgress();
    progress.jobLineId = current.id;
    progress.orderId = current.orderId;
    progress.status = current.status;
    progress.dueDate = current.dueDate;
    progress.factoryId = award?.factoryId ?? null;
    progress.inspectionLevel = current.inspectionLevel;
    progress.requiredInspectionReport = requiredInspectionReport(current.inspectionLevel);
    progress.milestones = await ctx.db.find(JobLineMilestone, { where: { jobLineId: current.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    progress.shipment = await ctx.db.findOneBy(JobLineShipment, { jobLineId: current.id });
    progress.acceptBy = current.status === JobLineStatus.delivered ? this.acceptBy(progress.shipment) : null;
    progress.dispute = await ctx.db.findOneBy(JobLineDispute, { jobLineId: current.id });
    progress.cancellation = await ctx.db.findOneBy(JobLineCancellation, { jobLineId: current.id });
    return progress;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { ScorecardService } from '@partsmith/factories';
import { JobLine, JobLineStatus, Order, OrderTransitions } from '@partsmith/orders';
import { PaymentsFacade } from '@partsmith/payments';
import { AuditTrail, DomainEvents, ErrorResult, IllegalTransitionError, OutboxService, type RequestContext } from '@partsmith/platform';
import { Award } from '@partsmith/sourcing';
import { JobLineShipment } from './entities';
import { AutoAcceptDeliveryJob } from './jobs/production-jobs';
import { JobLineAccess } from './job-line-access.service';
import { ProductionTrackingService } from './production-tracking.service';
import type { AcceptDeliveryOutcome } from './production.results';

/**
 * Acceptance of a delivered job line, by the ordering designer or automatically when the acceptance
 * window closes. Both take the same path: payments releases the escrow (refusals come back before anything
 * is written), the line becomes accepted, the factory's scorecard hears on time/late and accepted clean;
 * the transfer that follows makes the line paid_out (orders, on payments' word).
 */
@Injectable()
export class AcceptanceService {
  private readonly logger = new Logger(AcceptanceService.name);

  constructor(
    private readonly access: JobLineAccess,
    private readonly tracking: ProductionTrackingService,
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsFacade,
    private readonly scorecards: ScorecardService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
    private readonly outbox: OutboxService,
  ) {}

  async accept(ctx: RequestContext, jobLineId: string): Promise<AcceptDeliveryOutcome> {
    return ctx.transaction(async () => {
      const { line, order, award } = await this.access.locateAs(ctx, jobLineId, 'designer');
      // The designer accepts a delivery; disputed → accepted is the operator's resolution, not this.
      if (line.status !== JobLineStatus.delivered) throw new IllegalTransitionError('job line', line.status, JobLineStatus.accepted);
      const accepted = await this.acceptLine(ctx, order, line, award!, 'accepted by the designer');
      return accepted ?? this.tracking.progressOf(ctx, line, award);
    });
  }

  /** The delayed job at the end of the acceptance window. Idempotent: only a line still delivered moves. */
  async autoAccept(ctx: RequestContext, jobLineId: string): Promise<void> {
    await ctx.transaction(async (db) => {
      const found = await db.findOneBy(JobLine, { id: jobLineId });
      if (!found) return;
      const { line, order } = await this.access.lockLine(ctx, found);
      if (line.status !== JobLineStatus.delivered) return; // accepted, disputed or cancelled meanwhile
      const acceptBy = this.tracking.acceptBy(await db.findOneBy(JobLineShipment, { jobLineId: line.id }));
      if (acceptBy && acceptBy.getTime() > Date.now()) {
        // The window was lengthened after this job was queued: come back when it closes.
        await this.outbox.add(ctx, AutoAcceptDeliveryJob, { jobLineId: line.id }, { delayMs: acceptBy.getTime() - Date.now() });
        return;
      }
      const award = await db.findOneByOrFail(Award, { jobLineId: line.id, status: 'active' });
      const refused = await this.acceptLine(ctx, order, line, award, 'accepted automatically: the acceptance window closed without an acceptance or a dispute');
      if (refused) {
        // Payments holds the money (a chargeback, a factory still onboarding): the line stays delivered for an operator.
        this.logger.warn(`automatic acceptance of job line ${line.id} refused by payments: ${refused.message}`);
        await this.audit.record(ctx, {
          action: 'job_line.auto_accept_refused',
          subjectType: 'job_line',
          subjectId: line.id,
          subjectOrganizationId: line.organizationId,
          details: { errorCode: refused.errorCode, message: refused.message },
        });
      }
    });
  }

  /** Release + transition + scorecard; a refusal from payments is returned before anything is written. */
  private async acceptLine(ctx: RequestContext, order: Order, line: JobLine, award: Award, reason: string): Promise<ErrorResult & AcceptDeliveryOutcome | null> {
    const released = await this.payments.acceptDelivery(ctx, { orderId: order.id, allocationKey: line.id });
    if (released instanceof ErrorResult) return released;
    await this.transitions.jobLine(ctx, order, line, JobLineStatus.accepted, reason);
    const shipment = await ctx.db.findOneBy(JobLineShipment, { jobLineId: line.id });
    const deliveredAt = shipment?.deliveredAt ?? new Date();
    const sourceRef = `job_line:${line.id}`;
    await this.scorecards.recordEvent(ctx, {
      factoryId: award.factoryId,
      kind: deliveredAt.getTime() <= line.dueDate.getTime() ? 'delivery_on_time' : 'delivery_late',
      sourceRef,
      occurredAt: deliveredAt,
    });
    await this.scorecards.recordEvent(ctx, { factoryId: award.factoryId, kind: 'accepted_clean', sourceRef });
    await this.events.publish(ctx, { type: 'job_line.accepted', organizationId: award.organizationId, id: line.id, status: JobLineStatus.accepted });
    return null;
  }
}

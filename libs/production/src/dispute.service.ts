import { Injectable } from '@nestjs/common';
import { ScorecardService } from '@partsmith/factories';
import { InputValidationError } from '@partsmith/identity';
import { JobLineStatus, OrderTransitions, UUID, jobLineLifecycle } from '@partsmith/orders';
import { DeliveryDispute, DisputeAlreadyResolvedError, DisputeResolutionEnum, PaymentsFacade, splitAmounts } from '@partsmith/payments';
import { AuditTrail, DomainEvents, ErrorResult, ForbiddenError, NotFoundError, type RequestContext } from '@partsmith/platform';
import type { Award } from '@partsmith/sourcing';
import { JobLineDispute, type DisputeMeasurement } from './entities';
import { JobLineAccess, type LocatedJobLine } from './job-line-access.service';
import { ProductionTrackingService } from './production-tracking.service';
import type { OpenDisputeOutcome, ResolveJobLineDisputeOutcome, RespondToDisputeOutcome } from './production.results';

const TEXT_MAX = 4000;
const REASON_MAX = 2000;
const MEASUREMENTS_MAX = 50;

export interface ResolveJobLineDisputeInput {
  disputeId: string;
  resolution: DisputeResolutionEnum;
  /** For a split: the factory's share of its payout, 1–99 %; the designer gets the rest of the gross back. */
  factoryPercent?: number | null;
  /** The written decision both sides read. */
  decision: string;
}

/**
 * Delivery disputes of a job line: the designer opens one (reason, measurements, then photos through
 * REST), the awarded factory answers with its side (and its evidence), an operator decides — release
 * (the factory is paid; the line is accepted and then paid out), refund (the designer gets the share back;
 * the line is cancelled) or split (a percentage of the payout to the factory, the rest of the gross to the
 * designer; the line is accepted and paid out for its part). The money moves through PaymentsFacade
 * (payments' delivery dispute), the decision is kept in writing for both sides, audited and notified.
 */
@Injectable()
export class DisputeService {
  constructor(
    private readonly access: JobLineAccess,
    private readonly tracking: ProductionTrackingService,
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsFacade,
    private readonly scorecards: ScorecardService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  async open(ctx: RequestContext, jobLineId: string, reason: string, measurements: DisputeMeasurement[] = []): Promise<OpenDisputeOutcome> {
    const text = reason?.trim() ?? '';
    if (!text || text.length > REASON_MAX) return new InputValidationError('reason', `Say what is wrong (1 to ${REASON_MAX} characters)`);
    const checked = checkMeasurements(measurements);
    if (checked instanceof InputValidationError) return checked;
    return ctx.transaction(async (db) => {
      const { line, order, award } = await this.access.locateAs(ctx, jobLineId, 'designer');
      jobLineLifecycle.transition(line.status, JobLineStatus.disputed);
      const dispute = await this.payments.openDeliveryDispute(ctx, { orderId: order.id, allocationKey: line.id, reason: text, openedByOrganizationId: line.organizationId });
      if (dispute instanceof ErrorResult) return dispute;
      await db.save(db.create(JobLineDispute, { id: dispute.id, jobLineId: line.id, measurements: checked }));
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.disputed, text);
      await this.scorecards.recordEvent(ctx, { factoryId: award!.factoryId, kind: 'disputed', sourceRef: `job_line:${line.id}` });
      await this.audit.record(ctx, {
        action: 'job_line.dispute_opened',
        subjectType: 'job_line',
        subjectId: line.id,
        subjectOrganizationId: line.organizationId,
        details: { disputeId: dispute.id, reason: text, measurements: checked.length },
      });
      await this.events.publish(ctx, { type: 'job_line.disputed', organizationId: award!.organizationId, id: line.id, status: JobLineStatus.disputed });
      await this.events.publish(ctx, { type: 'job_line.dispute', organizationId: award!.organizationId, id: dispute.id, status: 'opened' });
      return this.tracking.progressOf(ctx, line, award);
    });
  }

  /** The awarded factory's side of the story (it may revise it until the operator decides). */
  async respond(ctx: RequestContext, disputeId: string, response: string): Promise<RespondToDisputeOutcome> {
    const text = response?.trim() ?? '';
    if (!text || text.length > TEXT_MAX) return new InputValidationError('response', `Give your side of the dispute in 1 to ${TEXT_MAX} characters`);
    return ctx.transaction(async (db) => {
      const { dispute, located } = await this.locate(ctx, disputeId, 'factory');
      if (dispute.resolution) return new DisputeAlreadyResolvedError(`The operator already decided this dispute (${dispute.resolution})`);
      await db.update(JobLineDispute, { id: dispute.id }, { factoryResponse: text, respondedAt: new Date(), respondedBy: ctx.principal?.userId ?? null });
      await this.audit.record(ctx, {
        action: 'job_line.dispute_responded',
        subjectType: 'job_line',
        subjectId: located.line.id,
        subjectOrganizationId: located.line.organizationId,
        details: { disputeId: dispute.id },
      });
      await this.events.publish(ctx, { type: 'job_line.dispute', organizationId: located.line.organizationId, id: dispute.id, status: 'responded' });
      return db.findOneByOrFail(JobLineDispute, { id: dispute.id });
    });
  }

  async resolve(ctx: RequestContext, input: ResolveJobLineDisputeInput): Promise<ResolveJobLineDisputeOutcome> {
    const decision = input.decision?.trim() ?? '';
    if (!decision || decision.length > TEXT_MAX) return new InputValidationError('decision', `Write the decision both sides will read (1 to ${TEXT_MAX} characters)`);
    return ctx.transaction(async (db) => {
      const { dispute, located } = await this.locate(ctx, input.disputeId, 'operator');
      const { line, order, award } = located;
      if (dispute.resolution) return new DisputeAlreadyResolvedError(`This dispute was already decided (${dispute.resolution})`);
      const target = input.resolution === DisputeResolutionEnum.refund ? JobLineStatus.cancelled : JobLineStatus.accepted;
      jobLineLifecycle.transition(line.status, target);
      const settled = await this.payments.resolveDeliveryDispute(ctx, {
        disputeId: dispute.id,
        resolution: input.resolution,
        factoryPercent: input.factoryPercent,
        resolvedBy: ctx.principal?.userId ?? null,
      });
      if (settled instanceof ErrorResult) return settled;
      const allocation = (await this.payments.allocation(ctx, { orderId: order.id, allocationKey: line.id }))!;
      const amounts = splitAmounts(allocation.grossMinor, allocation.payoutMinor, settled.factoryPercent ?? 0);
      await db.update(JobLineDispute, { id: dispute.id }, {
        resolution: input.resolution,
        decision,
        factoryPercent: settled.factoryPercent,
        refundMinor: amounts.refundMinor,
        factoryPayoutMinor: amounts.payoutMinor,
        decidedBy: ctx.principal?.userId ?? null,
        decidedAt: new Date(),
      });
      await this.transitions.jobLine(ctx, order, line, target, `dispute ${input.resolution}: ${decision}`);
      await this.audit.record(ctx, {
        action: 'job_line.dispute_resolved',
        subjectType: 'job_line',
        subjectId: line.id,
        subjectOrganizationId: line.organizationId,
        details: { disputeId: dispute.id, resolution: input.resolution, factoryPercent: settled.factoryPercent, refundMinor: amounts.refundMinor, factoryPayoutMinor: amounts.payoutMinor, currency: allocation.currency },
      });
      for (const organizationId of [line.organizationId, award!.organizationId]) {
        await this.events.publish(ctx, { type: 'job_line.dispute', organizationId, id: dispute.id, status: 'resolved' });
      }
      return db.findOneByOrFail(JobLineDispute, { id: dispute.id });
    });
  }

  /** The designer's reason and the escrow side of the dispute (payments' record). */
  deliveryDispute(ctx: RequestContext, disputeId: string): Promise<DeliveryDispute | null> {
    return ctx.db.findOneBy(DeliveryDispute, { id: disputeId });
  }

  private async locate(ctx: RequestContext, disputeId: string, relation: 'factory' | 'operator'): Promise<{ dispute: JobLineDispute; located: LocatedJobLine & { award: Award | null } }> {
    const found = UUID.test(disputeId) ? await ctx.db.findOneBy(JobLineDispute, { id: disputeId }) : null;
    if (!found) throw new NotFoundError('Dispute', disputeId);
    const located = await this.access.locate(ctx, found.jobLineId, true).catch(() => {
      throw new NotFoundError('Dispute', disputeId);
    });
    if (located.relation !== relation) throw new ForbiddenError(relation === 'factory' ? 'Only the awarded factory answers a dispute' : 'Only a Partsmith operator decides a dispute');
    const dispute = await ctx.db.createQueryBuilder(JobLineDispute, 'd').setLock('pessimistic_write').where('d.delivery_dispute_id = :id', { id: found.id }).getOneOrFail();
    return { dispute, located };
  }
}

function checkMeasurements(measurements: DisputeMeasurement[] | null | undefined): DisputeMeasurement[] | InputValidationError {
  const list = measurements ?? [];
  if (list.length > MEASUREMENTS_MAX) return new InputValidationError('measurements', `At most ${MEASUREMENTS_MAX} measurements`);
  const checked: DisputeMeasurement[] = [];
  for (const [i, m] of list.entries()) {
    const feature = m.feature?.trim() ?? '';
    if (!feature || feature.length > 200) return new InputValidationError('measurements', `Measurement ${i + 1}: name the feature measured (1 to 200 characters)`);
    for (const [name, value] of [['nominalMm', m.nominalMm], ['measuredMm', m.measuredMm]] as const) {
      if (!Number.isFinite(value) || value < 0 || value > 100_000) return new InputValidationError('measurements', `Measurement ${i + 1} (${feature}): ${name} must be a size from 0 to 100000 mm`);
    }
    if (m.toleranceMm != null && (!Number.isFinite(m.toleranceMm) || m.toleranceMm < 0 || m.toleranceMm > 1000)) {
      return new InputValidationError('measurements', `Measurement ${i + 1} (${feature}): toleranceMm must be from 0 to 1000 mm`);
    }
    checked.push({ feature, nominalMm: m.nominalMm, measuredMm: m.measuredMm, toleranceMm: m.toleranceMm ?? null });
  }
  return checked;
}

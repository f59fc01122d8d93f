import { Injectable } from '@nestjs/common';
import { OrganizationService } from '@partsmith/identity';
import { AuditTrail, DomainEvents, IllegalTransitionError, OutboxService, type JsonValue, type RequestContext } from '@partsmith/platform';
import type { ProbationInput } from './dto/factory.inputs';
import { Factory } from './entities';
import { FactoryAccess } from './factory-access.service';
import { factoryLifecycle, type FactoryStatus } from './factory-lifecycle';
import { validateProbation } from './factory-profile.validation';
import {
  ApplicationIncompleteError,
  InputValidationError,
  type ApproveFactoryOutcome,
  type FactoryDecisionOutcome,
} from './factories.results';
import { FactorySuspendedJob } from './jobs/factory-suspended.job';

/**
 * The operator's vetting decisions: review, approve, reject, suspend, reinstate, probation. Each one
 * follows the lifecycle (factory-lifecycle.ts), records who decided and why in the audit log, and
 * commits with everything it causes.
 */
@Injectable()
export class VettingService {
  constructor(
    private readonly factoryAccess: FactoryAccess,
    private readonly organizations: OrganizationService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  startReview(ctx: RequestContext, factoryId: string): Promise<Factory> {
    return this.decide(ctx, factoryId, 'under_review', 'factory.review_started', null);
  }

  /** Approval needs a machine to make something on; a new factory starts (or stays) on probation. */
  async approve(ctx: RequestContext, factoryId: string, note: string | null | undefined): Promise<ApproveFactoryOutcome> {
    this.factoryAccess.requireOperator(ctx);
    return ctx.transaction(async () => {
      const factory = await this.factoryAccess.lock(ctx, factoryId);
      // approval comes only from a review; suspended → approved is reinstateFactory
      if (factory.status !== 'under_review') throw new IllegalTransitionError('factory', factory.status, 'approved');
      const [{ machines }] = await ctx.db.query(`SELECT count(*)::int AS machines FROM factory_machines WHERE factory_id = $1`, [factory.id]);
      if (machines === 0) return new ApplicationIncompleteError(`${factory.legalName} lists no machines yet; it cannot be approved until it does`);
      return this.decide(ctx, factoryId, 'approved', 'factory.approved', note ?? null);
    });
  }

  async reject(ctx: RequestContext, factoryId: string, reason: string): Promise<FactoryDecisionOutcome> {
    this.factoryAccess.requireOperator(ctx);
    if (!reason?.trim()) return new InputValidationError('reason', 'Say why the application is rejected; the factory will see it');
    return this.decide(ctx, factoryId, 'rejected', 'factory.rejected', reason.trim());
  }

  /**
   * Suspension: the factory leaves eligibility, its organisation is suspended (every member's session
   * ends at once), and `factories.suspended` is queued in the same transaction (notifies the admins; the
   * hook for withdrawing open offers once sourcing exists).
   */
  async suspend(ctx: RequestContext, factoryId: string, reason: string): Promise<FactoryDecisionOutcome> {
    this.factoryAccess.requireOperator(ctx);
    if (!reason?.trim()) return new InputValidationError('reason', 'Say why the factory is suspended; it will see the reason');
    return ctx.transaction(async () => {
      const factory = await this.decide(ctx, factoryId, 'suspended', 'factory.suspended', reason.trim());
      const organization = await this.organizations.organization(ctx, factory.organizationId);
      if (organization.status === 'active') await this.organizations.suspend(ctx, factory.organizationId, reason.trim());
      await this.outbox.add(ctx, FactorySuspendedJob, {
        factoryId: factory.id,
        organizationId: factory.organizationId,
        legalName: factory.legalName,
        reason: reason.trim(),
        suspensionId: `${factory.id}:${factory.decidedAt?.toISOString()}`,
      });
      // sourcing withdraws the factory's open offers when this commits
      await this.events.publish(ctx, { type: 'factory.suspended', organizationId: factory.organizationId, id: factory.id, status: 'suspended' });
      return factory;
    });
  }

  async reinstate(ctx: RequestContext, factoryId: string, note: string | null | undefined): Promise<Factory> {
    this.factoryAccess.requireOperator(ctx);
    return ctx.transaction(async () => {
      const current = await this.factoryAccess.lock(ctx, factoryId);
      if (current.status !== 'suspended') throw new IllegalTransitionError('factory', current.status, 'approved (reinstated)');
      const factory = await this.decide(ctx, factoryId, 'approved', 'factory.reinstated', note ?? null);
      const organization = await this.organizations.organization(ctx, factory.organizationId);
      if (organization.status === 'suspended') await this.organizations.reinstate(ctx, factory.organizationId);
      return factory;
    });
  }

  async setProbation(ctx: RequestContext, factoryId: string, input: ProbationInput): Promise<FactoryDecisionOutcome> {
    this.factoryAccess.requireOperator(ctx);
    const problem = validateProbation(input);
    if (problem) return new InputValidationError(problem.field, problem.message);
    return ctx.transaction(async (db) => {
      const factory = await this.factoryAccess.lock(ctx, factoryId);
      await db.update(Factory, { id: factory.id }, {
        onProbation: input.onProbation,
        probationJobsRequired: input.jobsRequired,
        probationMaxJobValueMinor: input.maxJobValueMinor,
        probationCurrency: input.currency,
        probationMaxOpenJobs: input.maxOpenJobs,
        updatedAt: new Date(),
      });
      await this.audit.record(ctx, {
        action: 'factory.probation_changed',
        subjectType: 'factory',
        subjectId: factory.id,
        subjectOrganizationId: factory.organizationId,
        details: { before: factory.probation as unknown as JsonValue, after: { ...input } },
      });
      return db.findOneByOrFail(Factory, { id: factory.id });
    });
  }

  private async decide(ctx: RequestContext, factoryId: string, to: FactoryStatus, action: string, reason: string | null): Promise<Factory> {
    this.factoryAccess.requireOperator(ctx);
    return ctx.transaction(async (db) => {
      const factory = await this.factoryAccess.lock(ctx, factoryId);
      factoryLifecycle.transition(factory.status, to);
      const keepsReason = to === 'rejected' || to === 'suspended';
      await db.update(Factory, { id: factory.id }, {
        status: to,
        statusReason: keepsReason ? reason : null,
        decidedAt: to === 'under_review' ? factory.decidedAt : new Date(),
        updatedAt: new Date(),
      });
      await this.audit.record(ctx, {
        action,
        subjectType: 'factory',
        subjectId: factory.id,
        subjectOrganizationId: factory.organizationId,
        details: { from: factory.status, to, reason },
      });
      return db.findOneByOrFail(Factory, { id: factory.id });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { MailerService, OrganizationService } from '@partsmith/identity';
import { defineJob, JobHandler, type JobRun } from '@partsmith/platform';

export const FactorySuspendedJob = defineJob<{ factoryId: string; organizationId: string; legalName: string; reason: string; suspensionId: string }>({
  queue: 'factories',
  name: 'factories.suspended',
  attempts: 8,
  backoffMs: 2_000,
});

/**
 * Runs after a suspension commits (born in the outbox with it). Today it tells the factory's admins why.
 * This is the hook the sourcing context will extend to withdraw the factory from every open offer and
 * RFQ (offers do not exist yet); eligibility already excludes a suspended factory from the moment the
 * suspension commits.
 */
@Injectable()
export class FactorySuspendedHandler {
  constructor(
    private readonly mailer: MailerService,
    private readonly organizations: OrganizationService,
  ) {}

  @JobHandler(FactorySuspendedJob)
  async notify(payload: { factoryId: string; organizationId: string; legalName: string; reason: string; suspensionId: string }, { ctx }: JobRun): Promise<void> {
    for (const to of await this.organizations.memberEmails(ctx, payload.organizationId, ['factory_admin'])) {
      await this.mailer.send(ctx, {
        idempotencyKey: `factory-suspended:${payload.suspensionId}:${to}`,
        to,
        subject: `${payload.legalName} is suspended on Partsmith`,
        body: `An operator suspended ${payload.legalName}: ${payload.reason}\nYour sessions have ended and no new jobs will be offered until the suspension is lifted.\n`,
      });
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, defineJob, JobHandler, PermanentJobError, type AppConfig, type JobRun } from '@partsmith/platform';
import { Invitation, Organization } from '../entities';
import { MailerService } from '../mail/mailer.service';

export const DeliverInvitationJob = defineJob<{ invitationId: string; token: string }>({
  queue: 'identity',
  name: 'identity.invitation.deliver',
  attempts: 8,
  backoffMs: 2_000,
});

@Injectable()
export class DeliverInvitationHandler {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One email per invitation (idempotency key = invitation id), skipped once it is accepted or revoked. */
  @JobHandler(DeliverInvitationJob)
  async deliver(payload: { invitationId: string; token: string }, { ctx }: JobRun): Promise<void> {
    const invitation = await ctx.db.findOneBy(Invitation, { id: payload.invitationId });
    if (!invitation) throw new PermanentJobError(`invitation ${payload.invitationId} does not exist`);
    if (invitation.acceptedAt || invitation.revokedAt) return;
    const organization = await ctx.db.findOneByOrFail(Organization, { id: invitation.organizationId });
    const base = this.config.http.publicUrl ?? `http://${this.config.http.host}:${this.config.http.port}`;
    await this.mailer.send(ctx, {
      idempotencyKey: `invitation:${invitation.id}`,
      to: invitation.email,
      subject: `You are invited to join ${organization.name} on Partsmith`,
      body:
        `You have been invited to join ${organization.name} as ${invitation.role.replace('_', ' ')}.\n` +
        `Accept before ${invitation.expiresAt.toISOString()} with the acceptInvitation mutation and this token:\n${payload.token}\n` +
        `${base}/invitations/accept?token=${encodeURIComponent(payload.token)}\n`,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditTrail, OutboxService, RateLimiter, ROLES_BY_ORGANIZATION_KIND, type AppConfig, type RequestContext } from '@partsmith/platform';
import { IsNull } from 'typeorm';
import { AccessService } from './access.service';
import { normalizeEmail } from './auth.service';
import type { AcceptInvitationInput, InviteMemberInput } from './dto/auth.inputs';
import { Invitation, Membership, Organization, User } from './entities';
import {
  AlreadyMemberError,
  InputValidationError,
  InvalidCredentialsError,
  InvitationCreated,
  InvitationInvalidError,
  TooManyAttemptsError,
  type AcceptInvitationOutcome,
  type InviteMemberOutcome,
} from './identity.results';
import { DeliverInvitationJob } from './jobs/deliver-invitation.job';
import { PasswordService } from './password.service';
import { SessionIssuer } from './session-issuer.service';
import { hashToken, newOpaqueToken } from './tokens.service';

@Injectable()
export class InvitationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionIssuer,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditTrail,
  ) {}

  /** Invites someone into the caller's organisation; a new invitation to the same email replaces an open one. */
  async invite(ctx: RequestContext, input: InviteMemberInput): Promise<InviteMemberOutcome> {
    const principal = this.access.requireMemberManager(ctx);
    const email = normalizeEmail(input.email);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return new InputValidationError('email', `"${input.email}" is not an email address`);
    if (!ROLES_BY_ORGANIZATION_KIND[principal.organizationKind].includes(input.role)) {
      return new InputValidationError('role', `A ${principal.organizationKind} organisation cannot have ${input.role} members`);
    }
    return ctx.transaction(async (db) => {
      const existing = await db.query(
        `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.email = $2`,
        [principal.organizationId, email],
      );
      if (existing.length > 0) return new AlreadyMemberError(`${email} is already a member`);
      await db.update(Invitation, { organizationId: principal.organizationId, email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      const { token, hash } = newOpaqueToken();
      const invitation = await db.save(
        db.create(Invitation, {
          organizationId: principal.organizationId,
          email,
          role: input.role,
          tokenHash: hash,
          invitedBy: principal.userId,
          expiresAt: new Date(Date.now() + this.config.auth.invitationTtlSeconds * 1000),
        }),
      );
      await this.outbox.add(ctx, DeliverInvitationJob, { invitationId: invitation.id, token });
      return Object.assign(new InvitationCreated(), { invitation: await db.findOneByOrFail(Invitation, { id: invitation.id }) });
    });
  }

  /** Joins the organisation: with the existing account's password, or by creating the account. */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<AcceptInvitationOutcome> {
    const { max, windowSeconds } = this.config.auth.rateLimit;
    const decision = await this.limiter.hit('invitation', ctx.meta.ip ?? 'unknown', max, windowSeconds);
    if (!decision.allowed) return new TooManyAttemptsError(decision.retryAfterSeconds);

    const invitation = await ctx.db.findOneBy(Invitation, { tokenHash: hashToken(input.token) });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) {
      return new InvitationInvalidError('This invitation is not valid any more (used, replaced or expired); ask for a new one');
    }
    const organization = await ctx.db.findOneByOrFail(Organization, { id: invitation.organizationId });
    let user = await ctx.db.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.email = :email', { email: invitation.email }).getOne();
    if (user) {
      if (!(await this.passwords.verify(user.passwordHash, input.password))) return new InvalidCredentialsError('The password is wrong');
    } else {
      const weakness = this.passwords.weakness(input.password, invitation.email);
      if (weakness) return new InputValidationError('password', weakness);
      if (!input.displayName?.trim()) return new InputValidationError('displayName', 'Tell us your name to create your account');
    }
    const passwordHash = user ? undefined : await this.passwords.hash(input.password);
    return ctx.transaction(async (db) => {
      const claimed: [unknown[], number] = await db.query(
        `UPDATE invitations SET accepted_at = now() WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [invitation.id],
      );
      if (claimed[1] !== 1) return new InvitationInvalidError('This invitation was just used; ask for a new one');
      user ??= await db.save(db.create(User, { email: invitation.email, displayName: input.displayName!.trim(), passwordHash: passwordHash! }));
      await db.update(Invitation, { id: invitation.id }, { acceptedBy: user.id });
      const membership = await db.save(db.create(Membership, { userId: user.id, organizationId: organization.id, role: invitation.role }));
      // accepting is anonymous (no principal yet): the joining user and the inviter are named in the details
      await this.audit.record(ctx, {
        action: 'membership.created',
        subjectType: 'membership',
        subjectId: membership.id,
        subjectOrganizationId: organization.id,
        details: { userId: user.id, role: invitation.role, invitationId: invitation.id, invitedBy: invitation.invitedBy },
      });
      return this.sessions.open(ctx, await db.findOneByOrFail(User, { id: user.id }), organization, invitation.role);
    });
  }

  async pendingFor(ctx: RequestContext): Promise<Invitation[]> {
    const principal = this.access.requireMemberManager(ctx);
    return ctx.db.find(Invitation, {
      where: { organizationId: principal.organizationId, acceptedAt: IsNull(), revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }
}

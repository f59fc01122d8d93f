import { Injectable } from '@nestjs/common';
import { AuditTrail, NotFoundError, ROLES_BY_ORGANIZATION_KIND, type RequestContext, type Role } from '@partsmith/platform';
import { AccessService, MEMBER_MANAGERS } from './access.service';
import { Membership } from './entities';
import { InputValidationError, LastManagerError, MemberRemoved, type ChangeMemberRoleOutcome, type RemoveMemberOutcome } from './identity.results';
import { SessionIssuer } from './session-issuer.service';

/** Role changes and removals inside the caller's organisation. Both apply to live sessions at once. */
@Injectable()
export class MembershipService {
  constructor(
    private readonly access: AccessService,
    private readonly sessions: SessionIssuer,
    private readonly audit: AuditTrail,
  ) {}

  async changeRole(ctx: RequestContext, membershipId: string, role: Role): Promise<ChangeMemberRoleOutcome> {
    const principal = this.access.requireMemberManager(ctx);
    if (!ROLES_BY_ORGANIZATION_KIND[principal.organizationKind].includes(role)) {
      return new InputValidationError('role', `A ${principal.organizationKind} organisation cannot have ${role} members`);
    }
    return ctx.transaction(async (db) => {
      const membership = await this.lockMembership(ctx, membershipId, principal.organizationId);
      if (membership.role === role) return membership;
      const blocked = await this.wouldLeaveNoManager(ctx, membership, role);
      if (blocked) return blocked;
      await db.update(Membership, { id: membership.id }, { role });
      await this.audit.record(ctx, {
        action: 'membership.role_changed',
        subjectType: 'membership',
        subjectId: membership.id,
        subjectOrganizationId: membership.organizationId,
        details: { userId: membership.userId, from: membership.role, to: role },
      });
      return db.findOneByOrFail(Membership, { id: membership.id });
    });
  }

  async remove(ctx: RequestContext, membershipId: string): Promise<RemoveMemberOutcome> {
    const principal = this.access.requireMemberManager(ctx);
    return ctx.transaction(async (db) => {
      const membership = await this.lockMembership(ctx, membershipId, principal.organizationId);
      const blocked = await this.wouldLeaveNoManager(ctx, membership, undefined);
      if (blocked) return blocked;
      await db.delete(Membership, { id: membership.id });
      await db.query(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = 'membership_removed' WHERE user_id = $1 AND organization_id = $2 AND revoked_at IS NULL`,
        [membership.userId, membership.organizationId],
      );
      await this.audit.record(ctx, {
        action: 'membership.removed',
        subjectType: 'membership',
        subjectId: membership.id,
        subjectOrganizationId: membership.organizationId,
        details: { userId: membership.userId, role: membership.role },
      });
      return Object.assign(new MemberRemoved(), { membershipId: membership.id });
    });
  }

  /** Locks the organisation's memberships so two concurrent demotions cannot both pass the last-manager check. */
  private async lockMembership(ctx: RequestContext, membershipId: string, organizationId: string): Promise<Membership> {
    await ctx.db.query(`SELECT id FROM memberships WHERE organization_id = $1 FOR UPDATE`, [organizationId]);
    const membership = await ctx.db.findOneBy(Membership, { id: membershipId, organizationId });
    if (!membership) throw new NotFoundError('Membership', membershipId);
    return membership;
  }

  private async wouldLeaveNoManager(ctx: RequestContext, membership: Membership, newRole: Role | undefined): Promise<LastManagerError | undefined> {
    const kind = ctx.requirePrincipal().organizationKind;
    const managers = MEMBER_MANAGERS[kind];
    if (!managers.includes(membership.role) || (newRole && managers.includes(newRole))) return undefined;
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND role = ANY($2)`, [
      membership.organizationId,
      managers,
    ]);
    return n <= 1 ? new LastManagerError(`The organisation needs at least one ${managers.join(' or ')}; appoint another first`) : undefined;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AuditTrail,
  InvalidInputError,
  NotFoundError,
  StateMachine,
  keysetPage,
  type AppConfig,
  type ConnectionArgs,
  type ConnectionShape,
  type RequestContext,
  type Role,
} from '@partsmith/platform';
import { In } from 'typeorm';
import { AccessService } from './access.service';
import { Membership, Organization, OrganizationStatus, User } from './entities';
import { SessionIssuer } from './session-issuer.service';

export const organizationLifecycle = new StateMachine<OrganizationStatus>('organization', {
  active: [OrganizationStatus.suspended],
  suspended: [OrganizationStatus.active],
});

/** Organisations, their members, and the operator's suspend / reinstate. */
@Injectable()
export class OrganizationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly sessions: SessionIssuer,
    private readonly audit: AuditTrail,
  ) {}

  async me(ctx: RequestContext): Promise<{ user: User; organization: Organization; membership: Membership }> {
    const principal = ctx.requirePrincipal();
    const [user, organization, membership] = await Promise.all([
      ctx.db.findOneByOrFail(User, { id: principal.userId }),
      ctx.db.findOneByOrFail(Organization, { id: principal.organizationId }),
      ctx.db.findOneByOrFail(Membership, { userId: principal.userId, organizationId: principal.organizationId }),
    ]);
    return { user, organization, membership };
  }

  async organization(ctx: RequestContext, id: string): Promise<Organization> {
    this.access.requireMemberOrOperator(ctx, id);
    const organization = await ctx.db.findOneBy(Organization, { id });
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  async list(ctx: RequestContext, args: ConnectionArgs & { kind?: string; status?: string }): Promise<ConnectionShape<Organization>> {
    this.access.requireOperator(ctx);
    const query = ctx.db.createQueryBuilder(Organization, 'o');
    if (args.kind) query.andWhere('o.kind = :kind', { kind: args.kind });
    if (args.status) query.andWhere('o.status = :status', { status: args.status });
    return keysetPage(query, 'o', args, this.config.graphql.maxPageSize);
  }

  async members(ctx: RequestContext, organizationId: string, args: ConnectionArgs): Promise<ConnectionShape<Membership>> {
    this.access.requireMemberOrOperator(ctx, organizationId);
    const query = ctx.db.createQueryBuilder(Membership, 'm').where('m.organization_id = :organizationId', { organizationId });
    return keysetPage(query, 'm', args, this.config.graphql.maxPageSize);
  }

  /** Batched per request: one query for every membership's user in a page. */
  userOf(ctx: RequestContext, membership: Membership): Promise<User> {
    return ctx.loaders
      .get<string, User>('identity.userById', async (ids) => {
        const users = await ctx.db.findBy(User, { id: In([...ids]) });
        const byId = new Map(users.map((user) => [user.id, user]));
        return ids.map((id) => byId.get(id) ?? new Error(`user ${id} not found`));
      })
      .load(membership.userId);
  }

  organizationOf(ctx: RequestContext, membership: Membership): Promise<Organization> {
    return ctx.loaders
      .get<string, Organization>('identity.organizationById', async (ids) => {
        const organizations = await ctx.db.findBy(Organization, { id: In([...ids]) });
        const byId = new Map(organizations.map((organization) => [organization.id, organization]));
        return ids.map((id) => byId.get(id) ?? new Error(`organization ${id} not found`));
      })
      .load(membership.organizationId);
  }

  /** Suspension ends every session of the organisation's members at once. */
  async suspend(ctx: RequestContext, organizationId: string, reason: string): Promise<Organization> {
    this.access.requireOperator(ctx);
    if (!reason.trim()) throw new InvalidInputError('Give a reason for the suspension; the organisation will see it');
    return ctx.transaction(async (db) => {
      const organization = await this.lockOrganization(ctx, organizationId);
      if (organization.kind === 'platform') throw new InvalidInputError('The platform organisation cannot be suspended');
      organizationLifecycle.transition(organization.status, OrganizationStatus.suspended);
      await db.update(Organization, { id: organizationId }, { status: OrganizationStatus.suspended, suspendedReason: reason.trim(), updatedAt: new Date() });
      await this.sessions.revoke(db, { organizationId }, 'organization_suspended');
      await this.audit.record(ctx, {
        action: 'organization.suspended',
        subjectType: 'organization',
        subjectId: organizationId,
        subjectOrganizationId: organizationId,
        details: { reason: reason.trim() },
      });
      return db.findOneByOrFail(Organization, { id: organizationId });
    });
  }

  async reinstate(ctx: RequestContext, organizationId: string): Promise<Organization> {
    this.access.requireOperator(ctx);
    return ctx.transaction(async (db) => {
      const organization = await this.lockOrganization(ctx, organizationId);
      organizationLifecycle.transition(organization.status, OrganizationStatus.active);
      await db.update(Organization, { id: organizationId }, { status: OrganizationStatus.active, suspendedReason: null, updatedAt: new Date() });
      await this.audit.record(ctx, { action: 'organization.reinstated', subjectType: 'organization', subjectId: organizationId, subjectOrganizationId: organizationId });
      return db.findOneByOrFail(Organization, { id: organizationId });
    });
  }

  /** Addresses for notifications to an organisation (e.g. its factory admins). Callers decide who may trigger them. */
  async memberEmails(ctx: RequestContext, organizationId: string, roles: Role[]): Promise<string[]> {
    const rows: Array<{ email: string }> = await ctx.db.query(
      `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND m.role = ANY($2) AND u.status = 'active' ORDER BY m.created_at`,
      [organizationId, roles],
    );
    return rows.map((row) => row.email);
  }

  /**
   * Active members holding one of `roles`: of one organisation, or with `organizationId` null of every
   * organisation (e.g. all operators). Who to notify.
   */
  async activeMembers(ctx: RequestContext, organizationId: string | null, roles: readonly Role[]): Promise<Array<{ userId: string; organizationId: string; email: string; displayName: string }>> {
    if (roles.length === 0) return [];
    return ctx.db.query(
      `SELECT m.user_id AS "userId", m.organization_id AS "organizationId", u.email, u.display_name AS "displayName"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE ($1::uuid IS NULL OR m.organization_id = $1) AND m.role = ANY($2) AND u.status = 'active'
        ORDER BY m.created_at, m.user_id`,
      [organizationId, roles],
    );
  }

  private async lockOrganization(ctx: RequestContext, id: string): Promise<Organization> {
    const organization = await ctx.db.createQueryBuilder(Organization, 'o').setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }
}

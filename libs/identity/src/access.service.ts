import { Injectable } from '@nestjs/common';
import { ForbiddenError, type OrganizationKind, type Principal, type RequestContext, type Role } from '@partsmith/platform';

/** Who may manage the members of each kind of organisation. */
export const MEMBER_MANAGERS: Readonly<Record<OrganizationKind, readonly Role[]>> = {
  designer: ['designer'],
  factory: ['factory_admin'],
  platform: ['operator'],
};

/**
 * The one place role and organisation checks live. Every context asks it, on the object, every time:
 * "may this caller act on this organisation's things?"
 */
@Injectable()
export class AccessService {
  requireRole(ctx: RequestContext, ...roles: Role[]): Principal {
    const principal = ctx.requirePrincipal();
    if (!roles.includes(principal.role)) {
      throw new ForbiddenError(`This needs the ${roles.join(' or ')} role; you are signed in as ${principal.role}`);
    }
    return principal;
  }

  requireOperator(ctx: RequestContext): Principal {
    return this.requireRole(ctx, 'operator');
  }

  isOperator(principal: Principal | null): boolean {
    return principal?.role === 'operator';
  }

  /** Members of the organisation, and operators, may read it. */
  requireMemberOrOperator(ctx: RequestContext, organizationId: string): Principal {
    const principal = ctx.requirePrincipal();
    if (principal.organizationId !== organizationId && !this.isOperator(principal)) {
      throw new ForbiddenError('You can only see your own organisation');
    }
    return principal;
  }

  /** The caller acts for this organisation, holding one of `roles` when any are given. Operators do not pass. */
  requireMemberOf(ctx: RequestContext, organizationId: string, ...roles: Role[]): Principal {
    const principal = ctx.requirePrincipal();
    if (principal.organizationId !== organizationId) throw new ForbiddenError("This belongs to another organisation");
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw new ForbiddenError(`This needs the ${roles.join(' or ')} role; you are signed in as ${principal.role}`);
    }
    return principal;
  }

  /** Invite, remove and change the roles of members. */
  requireMemberManager(ctx: RequestContext): Principal {
    const principal = ctx.requirePrincipal();
    const allowed = MEMBER_MANAGERS[principal.organizationKind];
    if (!allowed.includes(principal.role)) {
      throw new ForbiddenError(`Only ${allowed.join(' or ')} members can manage this organisation's members`);
    }
    return principal;
  }
}

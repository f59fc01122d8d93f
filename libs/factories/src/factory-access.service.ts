import { Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { ForbiddenError, NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Factory } from './entities';

/**
 * Who may see and change factory data, on the object, every time. A factory's members read its profile,
 * machines, certificates and scorecard; only its factory_admins change them; operators read everything
 * and make the vetting decisions. Nobody else — not designers, not other factories — sees any of it.
 */
@Injectable()
export class FactoryAccess {
  constructor(readonly access: AccessService) {}

  requireOperator(ctx: RequestContext): Principal {
    return this.access.requireOperator(ctx);
  }

  /** Members of the factory's organisation, and operators. */
  canRead(principal: Principal, factory: Pick<Factory, 'organizationId'>): boolean {
    return principal.role === 'operator' || principal.organizationId === factory.organizationId;
  }

  async readable(ctx: RequestContext, factoryId: string): Promise<Factory> {
    const principal = ctx.requirePrincipal();
    const factory = await ctx.db.findOneBy(Factory, { id: factoryId });
    if (!factory) throw new NotFoundError('Factory', factoryId);
    if (!this.canRead(principal, factory)) throw new ForbiddenError("You can only see your own factory's profile");
    return factory;
  }

  /** The caller's own factory profile, or null before it has applied. Factory organisations only. */
  async own(ctx: RequestContext, options: { manage: boolean }): Promise<{ principal: Principal; factory: Factory | null }> {
    const principal = options.manage ? this.access.requireRole(ctx, 'factory_admin') : this.access.requireRole(ctx, 'factory_admin', 'factory_member');
    const factory = await ctx.db.findOneBy(Factory, { organizationId: principal.organizationId });
    return { principal, factory };
  }

  /** The caller's own factory, for changes by its factory_admin. */
  async ownForChange(ctx: RequestContext): Promise<Factory> {
    const { factory } = await this.own(ctx, { manage: true });
    if (!factory) throw new NotFoundError('Factory profile of your organisation', 'none (apply with applyAsFactory first)');
    return factory;
  }

  /** A factory-owned object (machine, certificate, score event) the caller may change as its factory_admin. */
  async requireManagerOf(ctx: RequestContext, factoryId: string): Promise<Factory> {
    const { factory } = await this.own(ctx, { manage: true });
    if (!factory || factory.id !== factoryId) throw new ForbiddenError('This belongs to another factory');
    return factory;
  }

  /**
   * Serialises changes to one factory (vetting, score recomputation). FOR NO KEY UPDATE, not FOR UPDATE: rows
   * that merely reference the factory (plans, offers, awards) take KEY SHARE on it, which FOR UPDATE would wait
   * for — a plan being stored for the factory (holding KEY SHARE, next locking an order) and an award on the same
   * order (holding the order, next recording the factory's score) deadlocked that way.
   */
  async lock(ctx: RequestContext, factoryId: string): Promise<Factory> {
    const factory = await ctx.db.createQueryBuilder(Factory, 'f').setLock('for_no_key_update').where('f.id = :id', { id: factoryId }).getOne();
    if (!factory) throw new NotFoundError('Factory', factoryId);
    return factory;
  }
}

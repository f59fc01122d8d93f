import { Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { ForbiddenError, NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Order } from './entities';

/**
 * Who may see and act on which order: designers their own organisation's, operators all. Factories see
 * no orders (sourcing will show them the job lines offered to them). Another organisation's order looks
 * exactly like a missing one.
 */
@Injectable()
export class OrderAccess {
  constructor(private readonly access: AccessService) {}

  isOperator(principal: Principal): boolean {
    return this.access.isOperator(principal);
  }

  /** The organisation whose orders the caller lists, or null for all (operators). */
  listScope(ctx: RequestContext): string | null {
    const principal = ctx.requirePrincipal();
    if (this.access.isOperator(principal)) return null;
    if (principal.role !== 'designer') throw new ForbiddenError('Only designers (and operators) have orders');
    return principal.organizationId;
  }

  mayRead(principal: Principal, order: Order): boolean {
    return this.access.isOperator(principal) || (principal.role === 'designer' && principal.organizationId === order.organizationId);
  }

  async order(ctx: RequestContext, orderId: string): Promise<Order> {
    const principal = ctx.requirePrincipal();
    const order = UUID.test(orderId) ? await ctx.db.findOneBy(Order, { id: orderId }) : null;
    if (!order || !this.mayRead(principal, order)) throw new NotFoundError('Order', orderId);
    return order;
  }

  /** The order, locked FOR UPDATE in the caller's transaction, after the same check. */
  async lockOrder(ctx: RequestContext, orderId: string): Promise<Order> {
    const principal = ctx.requirePrincipal();
    const order = UUID.test(orderId) ? await ctx.db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :orderId', { orderId }).getOne() : null;
    if (!order || !this.mayRead(principal, order)) throw new NotFoundError('Order', orderId);
    return order;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

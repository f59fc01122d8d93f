import { Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { ForbiddenError, NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Payment } from './entities';

/**
 * Who may see which money: designers their own orders' payments, factories their own transfers, payouts
 * and ledger lines, operators everything.
 */
@Injectable()
export class PaymentAccess {
  constructor(private readonly access: AccessService) {}

  requireOperator(ctx: RequestContext): Principal {
    return this.access.requireOperator(ctx);
  }

  isOperator(principal: Principal): boolean {
    return this.access.isOperator(principal);
  }

  requireFactoryAdmin(ctx: RequestContext): Principal {
    return this.access.requireRole(ctx, 'factory_admin');
  }

  /** A factory member (own organisation) or an operator (any, when `organizationId` is given). */
  factoryScope(ctx: RequestContext, organizationId?: string | null): string {
    const principal = ctx.requirePrincipal();
    if (this.access.isOperator(principal)) {
      if (!organizationId) throw new ForbiddenError('Operators name the factory organisation (organizationId)');
      return organizationId;
    }
    if (principal.organizationKind !== 'factory') throw new ForbiddenError('Only factories (and operators) have payouts');
    if (organizationId && organizationId !== principal.organizationId) throw new ForbiddenError('You can only see your own factory’s payouts');
    return principal.organizationId;
  }

  /** The order's payment, for its designer organisation and operators. Factories never see the designer's payment. */
  async payment(ctx: RequestContext, orderId: string): Promise<Payment> {
    const principal = ctx.requirePrincipal();
    const payment = await ctx.db.findOneBy(Payment, { orderId });
    const mayRead = payment && (this.access.isOperator(principal) || payment.designerOrganizationId === principal.organizationId);
    if (!mayRead) throw new NotFoundError('Payment of order', orderId); // not found and not yours look alike
    return payment;
  }
}

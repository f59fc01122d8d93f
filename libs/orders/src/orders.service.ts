import { Inject, Injectable } from '@nestjs/common';
import { PaymentsFacade, type Payment } from '@partsmith/payments';
import { APP_CONFIG, keysetPage, type AppConfig, type ConnectionArgs, type ConnectionShape, type RequestContext } from '@partsmith/platform';
import { In, IsNull } from 'typeorm';
import { JobLine, Order, OrderEvent, OrderLine } from './entities';
import { OrderAccess } from './order-access.service';

/** Reads, each checked on the order (OrderAccess); the nested fields batch per request. */
@Injectable()
export class OrdersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: OrderAccess,
    private readonly payments: PaymentsFacade,
  ) {}

  order(ctx: RequestContext, id: string): Promise<Order> {
    return this.access.order(ctx, id);
  }

  /** Newest first: the designer's organisation's orders, or every order for operators. */
  orders(ctx: RequestContext, args: ConnectionArgs): Promise<ConnectionShape<Order>> {
    const scope = this.access.listScope(ctx);
    const query = ctx.db.createQueryBuilder(Order, 'o');
    if (scope) query.where('o.organization_id = :scope', { scope });
    return keysetPage(query, 'o', args, this.config.graphql.maxPageSize, { descending: true });
  }

  // The fields below are reached only through an order the caller may read.

  lines(ctx: RequestContext, order: Order): Promise<OrderLine[]> {
    return ctx.loaders
      .get<string, OrderLine[]>('orders.lines', async (orderIds) => {
        const rows = await ctx.db.find(OrderLine, { where: { orderId: In([...orderIds]) }, order: { lineNumber: 'ASC' } });
        return orderIds.map((id) => rows.filter((row) => row.orderId === id));
      })
      .load(order.id);
  }

  async jobLine(ctx: RequestContext, line: OrderLine): Promise<JobLine | null> {
    return ctx.loaders
      .get<string, JobLine | null>('orders.jobLineOfLine', async (lineIds) => {
        const rows = await ctx.db.find(JobLine, { where: { orderLineId: In([...lineIds]), splitOf: IsNull() } });
        return lineIds.map((id) => rows.find((row) => row.orderLineId === id) ?? null);
      })
      .load(line.id);
  }

  history(ctx: RequestContext, order: Order): Promise<OrderEvent[]> {
    return ctx.db.find(OrderEvent, { where: { orderId: order.id }, order: { id: 'ASC' } });
  }

  payment(ctx: RequestContext, order: Order): Promise<Payment | null> {
    return this.payments.paymentOf(ctx, order.id);
  }
}

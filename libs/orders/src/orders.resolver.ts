import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Payment } from '@partsmith/payments';
import { Connection, ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { OrderCheckoutService } from './order-checkout.service';
import { PlaceOrderInput } from './dto/place-order.input';
import { JobLine, Order, OrderEvent, OrderLine } from './entities';
import { OrderCancellationService } from './order-cancellation.service';
import { CancelOrderResult, PlaceOrderResult } from './orders.results';
import { OrdersService } from './orders.service';

@ObjectType()
export class OrderConnection extends Connection(Order) {}

@Resolver(() => Order)
export class OrdersResolver {
  constructor(
    private readonly checkout: OrderCheckoutService,
    private readonly cancellation: OrderCancellationService,
    private readonly orders: OrdersService,
  ) {}

  @Mutation(() => PlaceOrderResult, { description: 'Orders quoted parts at their quoted prices and starts the payment (order.payment.clientSecret for Stripe.js)' })
  placeOrder(@Ctx() ctx: RequestContext, @Args('input') input: PlaceOrderInput) {
    return this.checkout.placeOrder(ctx, input);
  }

  @Mutation(() => CancelOrderResult, { description: 'Before award: cancels the order and refunds the payment in full (or cancels it when unpaid)' })
  cancelOrder(@Ctx() ctx: RequestContext, @Args('orderId', { type: () => ID }) orderId: string, @Args('reason') reason: string) {
    return this.cancellation.cancel(ctx, orderId, reason);
  }

  @Query(() => Order)
  order(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.orders.order(ctx, id);
  }

  @Query(() => OrderConnection, { name: 'orders', description: "Newest first: your organisation's orders (operators: every order)" })
  listOrders(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return this.orders.orders(ctx, args);
  }

  @ResolveField(() => [OrderLine])
  lines(@Ctx() ctx: RequestContext, @Parent() order: Order) {
    return this.orders.lines(ctx, order);
  }

  @ResolveField(() => Payment, { nullable: true, description: 'The payment (clientSecret only for the paying designer while unpaid)' })
  payment(@Ctx() ctx: RequestContext, @Parent() order: Order) {
    return this.orders.payment(ctx, order);
  }

  @ResolveField(() => [OrderEvent], { description: 'Every status change of the order and its job lines, oldest first' })
  history(@Ctx() ctx: RequestContext, @Parent() order: Order) {
    return this.orders.history(ctx, order);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  constructor(private readonly orders: OrdersService) {}

  @ResolveField(() => JobLine, { nullable: true, description: 'Created when the order is paid' })
  jobLine(@Ctx() ctx: RequestContext, @Parent() line: OrderLine) {
    return this.orders.jobLine(ctx, line);
  }
}

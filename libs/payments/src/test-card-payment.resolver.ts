import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { PayWithTestCardResult } from './payments.results';
import { CheckoutPaymentModeEnum, CheckoutPaymentSettings, TestCardPayments } from './test-card-payment.service';

@Resolver()
export class TestCardPaymentsResolver {
  constructor(private readonly payments: TestCardPayments) {}

  @Query(() => CheckoutPaymentModeEnum, { description: 'How the web app takes card payments on this server' })
  checkoutPaymentMode() {
    return this.payments.mode();
  }

  @Query(() => CheckoutPaymentSettings, { description: 'How the web app takes card payments on this server, with the publishable key Stripe.js needs in `stripe` mode' })
  checkoutPaymentSettings() {
    return this.payments.settings();
  }

  @Mutation(() => PayWithTestCardResult, { description: 'Designers, with the local Stripe emulator only: pay an order with a Stripe test card number (4242 4242 4242 4242)' })
  payWithTestCard(@Ctx() ctx: RequestContext, @Args('orderId', { type: () => ID }) orderId: string, @Args('cardNumber') cardNumber: string) {
    return this.payments.pay(ctx, orderId, cardNumber);
  }
}

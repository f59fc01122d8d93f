import { Inject, Injectable } from '@nestjs/common';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { APP_CONFIG, InvalidInputError, type AppConfig, type RequestContext } from '@partsmith/platform';
import Stripe from 'stripe';
import { PaymentAccess } from './payment-access.service';
import { CardDeclinedError, PaymentNotPayableError, ProcessorError, TestPaymentsUnavailableError } from './payments.results';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';

export enum CheckoutPaymentModeEnum {
  /** The local Stripe emulator (npm start, tests): the browser pays with a test card through the API. */
  test_card = 'test_card',
  /** A real Stripe account: the browser confirms with Stripe.js and the order's client secret. */
  stripe = 'stripe',
  /** STRIPE_SECRET_KEY is not set: orders cannot be paid. */
  unconfigured = 'unconfigured',
}
registerEnumType(CheckoutPaymentModeEnum, { name: 'CheckoutPaymentMode' });

@ObjectType({ description: 'What the web app needs to take card payments on this server' })
export class CheckoutPaymentSettings {
  @Field(() => CheckoutPaymentModeEnum)
  mode!: CheckoutPaymentModeEnum;

  @Field(() => String, { nullable: true, description: 'For Stripe.js (loadStripe) in `stripe` mode: the account’s publishable key (pk_test_… or pk_live_…); null otherwise' })
  publishableKey!: string | null;
}

/** Stripe's documented test card numbers → the test PaymentMethod tokens the emulator (and Stripe) accept. */
export const TEST_CARDS: Record<string, string> = {
  '4242424242424242': 'pm_card_visa',
  '4000056655665556': 'pm_card_visa_debit',
  '5555555555554444': 'pm_card_mastercard',
  '378282246310005': 'pm_card_amex',
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
  '4000000000000069': 'pm_card_chargeDeclinedExpiredCard',
};

/**
 * Pays an order with a Stripe test card, for the web app's checkout when the API talks to the local
 * Stripe emulator (never with a live or remote Stripe: there the browser confirms with Stripe.js).
 * The payment still settles the normal way: the emulator's payment_intent.succeeded webhook.
 */
@Injectable()
export class TestCardPayments {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly access: PaymentAccess,
  ) {}

  mode(): CheckoutPaymentModeEnum {
    const stripe = this.config.payments.stripe;
    if (!stripe) return CheckoutPaymentModeEnum.unconfigured;
    return stripe.localEmulator ? CheckoutPaymentModeEnum.test_card : CheckoutPaymentModeEnum.stripe;
  }

  settings(): CheckoutPaymentSettings {
    const mode = this.mode();
    return { mode, publishableKey: mode === CheckoutPaymentModeEnum.stripe ? this.config.payments.stripe!.publishableKey : null };
  }

  async pay(ctx: RequestContext, orderId: string, cardNumber: string) {
    const principal = ctx.requirePrincipal();
    if (this.mode() !== CheckoutPaymentModeEnum.test_card) {
      return new TestPaymentsUnavailableError('Test cards work only with the local Stripe emulator; confirm the payment with Stripe.js and the order’s client secret');
    }
    const payment = await this.access.payment(ctx, orderId);
    if (payment.designerOrganizationId !== principal.organizationId) return new PaymentNotPayableError('Only the ordering organisation pays its order');
    // a declined card leaves the intent payable: `failed` may be paid again
    if ((payment.status !== 'requires_payment' && payment.status !== 'failed') || !payment.stripePaymentIntentId) {
      return new PaymentNotPayableError(`The payment is ${payment.status.replace('_', ' ')}, not awaiting payment`);
    }
    const digits = cardNumber.replace(/[\s-]/g, '');
    const token = TEST_CARDS[digits];
    if (!token) throw new InvalidInputError(`${digits.length ? `${digits.slice(0, 4)}… is not a Stripe test card` : 'Enter a card number'}: use 4242 4242 4242 4242 (or 4000 0000 0000 0002 to see a decline)`);
    try {
      await this.processor.confirmPaymentIntent(payment.stripePaymentIntentId, token, `${payment.id}:test-card:${digits.slice(-4)}:${Date.now()}`);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) return new CardDeclinedError(error.message);
      if (error instanceof Stripe.errors.StripeError) return new ProcessorError(error.message);
      throw error;
    }
    return payment; // still requires_payment: the webhook marks it succeeded moments later (order.status event)
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainError, type AppConfig } from '@partsmith/platform';
import Stripe from 'stripe';
import type { PaymentProcessor } from './payment-processor.port';

export class PaymentsNotConfiguredError extends DomainError {
  readonly code = 'PAYMENTS_NOT_CONFIGURED';
  constructor() {
    super('Payments are not configured: set STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET (npm start uses the local Stripe emulator)');
  }
}

const all = async <T>(list: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
};

/** The payment port over the official `stripe` SDK (API version pinned by the SDK). */
@Injectable()
export class StripeAdapter implements PaymentProcessor {
  private client?: Stripe;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get stripe(): Stripe {
    const settings = this.config.payments.stripe;
    if (!settings) throw new PaymentsNotConfiguredError();
    this.client ??= new Stripe(settings.secretKey, {
      maxNetworkRetries: settings.maxNetworkRetries,
      timeout: 20_000,
      appInfo: { name: 'Partsmith' },
      ...(settings.api ? { host: settings.api.host, port: settings.api.port, protocol: settings.api.protocol } : {}),
    });
    return this.client;
  }

  createPaymentIntent(input: Parameters<PaymentProcessor['createPaymentIntent']>[0]) {
    return this.stripe.paymentIntents.create(
      {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        allowed_payment_method_types: ['card'],
        transfer_group: input.transferGroup,
        metadata: input.metadata,
      },
      { idempotencyKey: input.idempotencyKey },
    );
  }

  retrievePaymentIntent(id: string) {
    return this.stripe.paymentIntents.retrieve(id);
  }

  confirmPaymentIntent(id: string, paymentMethod: string, idempotencyKey: string) {
    return this.stripe.paymentIntents.confirm(id, { payment_method: paymentMethod }, { idempotencyKey });
  }

  cancelPaymentIntent(id: string, idempotencyKey: string) {
    return this.stripe.paymentIntents.cancel(id, {}, { idempotencyKey });
  }

  retrieveCharge(id: string) {
    return this.stripe.charges.retrieve(id, { expand: ['balance_transaction'] });
  }

  listRefunds(chargeId: string) {
    return all(this.stripe.refunds.list({ charge: chargeId, limit: 100 }));
  }

  createRefund(input: Parameters<PaymentProcessor['createRefund']>[0]) {
    return this.stripe.refunds.create(
      { payment_intent: input.paymentIntentId, amount: input.amountMinor, metadata: input.metadata, reason: 'requested_by_customer' },
      { idempotencyKey: input.idempotencyKey },
    );
  }

  createTransfer(input: Parameters<PaymentProcessor['createTransfer']>[0]) {
    return this.stripe.transfers.create(
      {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        destination: input.destination,
        source_transaction: input.sourceTransaction,
        transfer_group: input.transferGroup,
        metadata: input.metadata,
      },
      { idempotencyKey: input.idempotencyKey },
    );
  }

  listTransfers(filter: { transferGroup?: string }) {
    return all(this.stripe.transfers.list({ limit: 100, ...(filter.transferGroup ? { transfer_group: filter.transferGroup } : {}) }));
  }

  retrieveTransfer(id: string) {
    return this.stripe.transfers.retrieve(id);
  }

  reverseTransfer(input: Parameters<PaymentProcessor['reverseTransfer']>[0]) {
    return this.stripe.transfers.createReversal(input.transferId, { amount: input.amountMinor, metadata: input.metadata }, { idempotencyKey: input.idempotencyKey });
  }

  createConnectedAccount(input: Parameters<PaymentProcessor['createConnectedAccount']>[0]) {
    return this.stripe.accounts.create(
      {
        // The platform owns fees and losses; Stripe collects requirements; the factory gets the Express dashboard.
        controller: {
          fees: { payer: 'application' },
          losses: { payments: 'application' },
          requirement_collection: 'stripe',
          stripe_dashboard: { type: 'express' },
        },
        capabilities: { transfers: { requested: true } },
        ...(input.email ? { email: input.email } : {}),
        metadata: input.metadata,
        // Payouts wait longer than the window in which most disputes arrive.
        settings: { payouts: { schedule: { interval: 'weekly', weekly_anchor: 'monday', delay_days: input.payoutDelayDays } } },
      },
      { idempotencyKey: input.idempotencyKey },
    );
  }

  retrieveAccount(id: string) {
    return this.stripe.accounts.retrieve(id);
  }

  createAccountLink(input: Parameters<PaymentProcessor['createAccountLink']>[0]) {
    return this.stripe.accountLinks.create({ account: input.account, type: input.type, refresh_url: input.refreshUrl, return_url: input.returnUrl });
  }

  updateDispute(id: string, input: { evidence: Stripe.DisputeUpdateParams.Evidence; submit: boolean }) {
    return this.stripe.disputes.update(id, { evidence: input.evidence, submit: input.submit });
  }

  retrieveDispute(id: string) {
    return this.stripe.disputes.retrieve(id);
  }

  listPaymentIntents() {
    return all(this.stripe.paymentIntents.list({ limit: 100 }));
  }

  listDisputes() {
    return all(this.stripe.disputes.list({ limit: 100 }));
  }

  listRefundsAll() {
    return all(this.stripe.refunds.list({ limit: 100 }));
  }

  balance() {
    return this.stripe.balance.retrieve();
  }

  constructEvent(rawBody: Buffer, signature: string, secret: string): Stripe.Event {
    return this.stripe.webhooks.constructEvent(rawBody, signature, secret);
  }
}

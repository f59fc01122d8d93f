import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, DomainError, OutboxService, RequestContext, type AppConfig } from '@partsmith/platform';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { ChargebacksService } from './chargebacks.service';
import { CheckoutService } from './checkout.service';
import { ConnectedAccountsService } from './connected-accounts.service';
import { SyncAccountJob, SyncChargeJob } from './jobs/payment-jobs';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';
import { PaymentsNotConfiguredError } from './processor/stripe.adapter';
import { RefundsService } from './refunds.service';
import { TransfersService } from './transfers.service';

export type WebhookEndpoint = 'platform' | 'connect';

export class InvalidWebhookSignatureError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

/**
 * Stripe webhooks: the signature is checked on the raw body before anything is read; each event id is
 * recorded once, in the same transaction as its effect (a failed effect records nothing, so Stripe's retry
 * runs it again); duplicates are acknowledged and ignored; effects read the object's full state, so
 * events may come in any order. Anything that needs another Stripe call goes to a job.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly outbox: OutboxService,
    private readonly checkout: CheckoutService,
    private readonly refunds: RefundsService,
    private readonly transfers: TransfersService,
    private readonly chargebacks: ChargebacksService,
    private readonly accounts: ConnectedAccountsService,
  ) {}

  verify(endpoint: WebhookEndpoint, rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    const stripe = this.config.payments.stripe;
    if (!stripe) throw new PaymentsNotConfiguredError();
    if (!rawBody || !signature) throw new InvalidWebhookSignatureError('A Stripe webhook needs its raw body and the Stripe-Signature header');
    try {
      return this.processor.constructEvent(rawBody, signature, endpoint === 'platform' ? stripe.webhookSecret : stripe.connectWebhookSecret);
    } catch (error) {
      throw new InvalidWebhookSignatureError(`The Stripe-Signature does not verify for the ${endpoint} endpoint: ${(error as Error).message}`);
    }
  }

  /** Returns whether the event was new. */
  async receive(endpoint: WebhookEndpoint, event: Stripe.Event): Promise<boolean> {
    const ctx = RequestContext.system(this.dataSource, `stripe-${event.id}`);
    return ctx.transaction(async (db) => {
      const recorded = await db.query(
        `INSERT INTO stripe_webhook_events (id, endpoint, type, account, created) VALUES ($1, $2, $3, $4, coalesce(to_timestamp($5), now())) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, endpoint, event.type, event.account ?? null, event.created],
      );
      if (recorded.length === 0) return false;
      await this.apply(ctx, event);
      return true;
    });
  }

  private async apply(ctx: RequestContext, event: Stripe.Event): Promise<void> {
    const object = event.data.object as unknown as { object: string };
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled':
        return this.checkout.applyPaymentIntent(ctx, event.data.object);
      case 'charge.refunded': {
        const charge = event.data.object;
        const payment = await this.checkout.lockByCharge(ctx, charge.id, typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null));
        if (payment) await this.outbox.add(ctx, SyncChargeJob, { paymentId: payment.id });
        return;
      }
      case 'refund.created':
      case 'refund.updated':
      case 'refund.failed':
        return this.refunds.applyRefund(ctx, event.data.object);
      case 'charge.dispute.created':
      case 'charge.dispute.updated':
      case 'charge.dispute.closed':
      case 'charge.dispute.funds_withdrawn':
      case 'charge.dispute.funds_reinstated':
        return this.chargebacks.applyDispute(ctx, event.data.object);
      case 'transfer.created':
      case 'transfer.updated':
      case 'transfer.reversed':
        return this.transfers.applyTransfer(ctx, event.data.object);
      case 'account.updated':
        await this.outbox.add(ctx, SyncAccountJob, { stripeAccountId: event.data.object.id });
        return;
      case 'capability.updated': {
        const capability = event.data.object;
        const account = typeof capability.account === 'string' ? capability.account : capability.account.id;
        await this.outbox.add(ctx, SyncAccountJob, { stripeAccountId: account });
        return;
      }
      case 'payout.created':
      case 'payout.updated':
      case 'payout.paid':
      case 'payout.failed':
      case 'payout.canceled':
        if (event.account) await this.accounts.applyPayout(ctx, event.data.object, event.account);
        return;
      default:
        this.logger.debug?.(`${event.type} (${object.object}) recorded; nothing to do`);
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidInputError, OutboxService, RequestContext } from '@partsmith/platform';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { Payment } from './entities';
import { OrderFundedJob, SyncChargeJob } from './jobs/payment-jobs';
import { capture } from './ledger/ledger';
import { LedgerService } from './ledger/ledger.service';
import { paymentLifecycle, type PaymentStatus } from './payment-state';
import { PaymentMismatchError, PaymentNotPayableError, ProcessorError } from './payments.results';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';
import { isPermanentProcessorError, processorMessage } from './processor/processor-errors';

export interface StartOrderPaymentInput {
  orderId: string;
  designerOrganizationId: string;
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
}

export interface StartedPayment {
  paymentId: string;
  orderId: string;
  paymentIntentId: string;
  /** For Stripe.js on the designer's browser; never log it. */
  clientSecret: string;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

/** Checkout: one PaymentIntent per order, and what Stripe tells us about it afterwards. */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Creates (or returns) the order's PaymentIntent. The payment row and its idempotency key
   * (`order:<id>:charge:1`) are committed on their own before Stripe is called, whatever transaction the
   * caller is in, so a retry after any failure reuses the same key and gets the same intent.
   */
  async startOrderPayment(input: StartOrderPaymentInput): Promise<StartedPayment | PaymentMismatchError | PaymentNotPayableError | ProcessorError> {
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new InvalidInputError(`amountMinor must be a positive integer (got ${input.amountMinor})`);
    if (!/^[A-Z]{3}$/.test(input.currency)) throw new InvalidInputError(`currency must be an ISO 4217 code in capitals such as "EUR" (got "${input.currency}")`);
    const system = RequestContext.system(this.dataSource);
    await system.db.query(
      `INSERT INTO payments (order_id, designer_organization_id, amount_minor, currency, idempotency_key) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO NOTHING`,
      [input.orderId, input.designerOrganizationId, input.amountMinor, input.currency, `order:${input.orderId}:charge:1`],
    );
    let payment = await system.db.findOneByOrFail(Payment, { orderId: input.orderId });
    if (payment.amountMinor !== input.amountMinor || payment.currency !== input.currency || payment.designerOrganizationId !== input.designerOrganizationId) {
      return new PaymentMismatchError(
        `Order ${input.orderId} already has a payment of ${payment.amountMinor} ${payment.currency} for another amount or payer; an order is charged once`,
      );
    }
    if (payment.status === 'canceled') return new PaymentNotPayableError(`The payment of order ${input.orderId} was cancelled`);
    if (!payment.stripePaymentIntentId || !payment.clientSecret) {
      let intent: Stripe.PaymentIntent;
      try {
        intent = await this.processor.createPaymentIntent({
          amountMinor: payment.amountMinor,
          currency: payment.currency,
          transferGroup: payment.orderId,
          metadata: { partsmith_payment_id: payment.id, order_id: payment.orderId },
          idempotencyKey: payment.idempotencyKey,
        });
      } catch (error) {
        if (isPermanentProcessorError(error)) return new ProcessorError(`Stripe refused the payment: ${processorMessage(error)}`);
        throw error;
      }
      await system.db.query(`UPDATE payments SET stripe_payment_intent_id = $2, client_secret = $3, updated_at = now() WHERE id = $1`, [
        payment.id,
        intent.id,
        intent.client_secret,
      ]);
      payment = await system.db.findOneByOrFail(Payment, { id: payment.id });
    }
    return {
      paymentId: payment.id,
      orderId: payment.orderId,
      paymentIntentId: payment.stripePaymentIntentId!,
      clientSecret: payment.clientSecret!,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      status: payment.status,
    };
  }

  /** Cancels an unpaid order's PaymentIntent (a paid one is refunded instead). */
  async cancelOrderPayment(orderId: string): Promise<Payment | PaymentNotPayableError | ProcessorError> {
    const system = RequestContext.system(this.dataSource);
    const payment = await system.db.findOneBy(Payment, { orderId });
    if (!payment) return new PaymentNotPayableError(`Order ${orderId} has no payment`);
    if (payment.status === 'canceled') return payment;
    if (!paymentLifecycle.canTransition(payment.status, 'canceled')) return new PaymentNotPayableError(`The payment of order ${orderId} is ${payment.status}; refund it instead`);
    if (payment.stripePaymentIntentId) {
      try {
        const intent = await this.processor.cancelPaymentIntent(payment.stripePaymentIntentId, `order:${orderId}:cancel:1`);
        await system.transaction(() => this.applyPaymentIntent(system, intent));
      } catch (error) {
        if (isPermanentProcessorError(error)) return new ProcessorError(`Stripe refused to cancel: ${processorMessage(error)}`);
        throw error;
      }
    } else {
      await system.db.query(`UPDATE payments SET status = 'canceled', updated_at = now() WHERE id = $1`, [payment.id]);
    }
    return system.db.findOneByOrFail(Payment, { id: payment.id });
  }

  /** Locks and returns the payment an intent belongs to (by id, or by our metadata when the id is not stored yet). */
  async lockByIntent(ctx: RequestContext, intentId: string | null, metadataPaymentId?: string | null): Promise<Payment | null> {
    const [row] = await ctx.db.query(
      `SELECT id FROM payments WHERE stripe_payment_intent_id = $1 OR ($2::text IS NOT NULL AND id::text = $2) ORDER BY (stripe_payment_intent_id = $1) DESC NULLS LAST LIMIT 1 FOR UPDATE`,
      [intentId, metadataPaymentId ?? null],
    );
    return row ? ctx.db.findOneByOrFail(Payment, { id: row.id }) : null;
  }

  async lockByCharge(ctx: RequestContext, chargeId: string, intentId: string | null): Promise<Payment | null> {
    const [row] = await ctx.db.query(`SELECT id FROM payments WHERE stripe_charge_id = $1 OR stripe_payment_intent_id = $2 LIMIT 1 FOR UPDATE`, [chargeId, intentId]);
    return row ? ctx.db.findOneByOrFail(Payment, { id: row.id }) : null;
  }

  /** payment_intent.succeeded / payment_failed / canceled (or a fresh read of the intent). Tolerates any order. */
  async applyPaymentIntent(ctx: RequestContext, intent: Stripe.PaymentIntent): Promise<void> {
    const payment = await this.lockByIntent(ctx, intent.id, intent.metadata?.partsmith_payment_id);
    if (!payment) {
      this.logger.warn(`payment intent ${intent.id} is not one of ours; ignored`);
      return;
    }
    if (!payment.stripePaymentIntentId) {
      await ctx.db.query(`UPDATE payments SET stripe_payment_intent_id = $2, client_secret = coalesce(client_secret, $3) WHERE id = $1`, [payment.id, intent.id, intent.client_secret]);
    }
    if (intent.status === 'succeeded') {
      const chargeId = idOf(intent.latest_charge);
      if (chargeId) await this.ensureCaptured(ctx, payment, chargeId, intent.amount_received);
    } else if (intent.status === 'canceled') {
      if (paymentLifecycle.canTransition(payment.status, 'canceled')) {
        await ctx.db.query(`UPDATE payments SET status = 'canceled', updated_at = now() WHERE id = $1`, [payment.id]);
      }
    } else if (intent.last_payment_error && paymentLifecycle.canTransition(payment.status, 'failed')) {
      await ctx.db.query(`UPDATE payments SET status = 'failed', failure_message = $2, updated_at = now() WHERE id = $1`, [
        payment.id,
        intent.last_payment_error.message ?? intent.last_payment_error.code ?? 'The payment failed',
      ]);
    }
  }

  /**
   * Records the captured funds once: status, charge id, the ledger's capture entry, and a job that fetches
   * Stripe's fee. Called by whichever event about the charge arrives first. `payment` must be locked.
   */
  async ensureCaptured(ctx: RequestContext, payment: Payment, chargeId: string, amountReceived?: number): Promise<void> {
    if (payment.status !== 'succeeded') {
      if (!paymentLifecycle.canTransition(payment.status, 'succeeded')) {
        this.logger.error(`payment ${payment.id} is ${payment.status} but Stripe captured charge ${chargeId}; reconciliation will report it`);
        return;
      }
      await ctx.db.query(`UPDATE payments SET status = 'succeeded', stripe_charge_id = $2, succeeded_at = now(), failure_message = NULL, updated_at = now() WHERE id = $1`, [
        payment.id,
        chargeId,
      ]);
      payment.status = 'succeeded';
      payment.stripeChargeId = chargeId;
      await this.outbox.add(ctx, OrderFundedJob, { orderId: payment.orderId, paymentId: payment.id, amountMinor: payment.amountMinor, currency: payment.currency });
    }
    const posted = await this.ledger.post(
      ctx,
      capture({ chargeId, orderId: payment.orderId, amountMinor: amountReceived || payment.amountMinor, currency: payment.currency }),
    );
    if (posted) await this.outbox.add(ctx, SyncChargeJob, { paymentId: payment.id });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '@partsmith/platform';
import type Stripe from 'stripe';
import { CheckoutService } from './checkout.service';
import { Chargeback } from './entities';
import { chargebackLost, disputeFunds } from './ledger/ledger';
import { LedgerService } from './ledger/ledger.service';
import { chargebackLifecycle, OPEN_CHARGEBACK_STATUSES, type ChargebackStatus } from './payment-state';
import { ChargebackClosedError, ProcessorError } from './payments.results';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';
import { isPermanentProcessorError, processorMessage } from './processor/processor-errors';

export interface ChargebackEvidenceInput {
  chargebackId: string;
  productDescription?: string;
  shippingTrackingNumber?: string;
  shippingCarrier?: string;
  uncategorizedText?: string;
  /** Submit now (Stripe allows one submission); otherwise the evidence is only staged. */
  submit: boolean;
}

/** Chargebacks (Stripe disputes): they freeze the order's release, collect evidence and follow Stripe's states. */
@Injectable()
export class ChargebacksService {
  private readonly logger = new Logger(ChargebacksService.name);

  constructor(
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly ledger: LedgerService,
    private readonly checkout: CheckoutService,
  ) {}

  /** Any charge.dispute.* event: the dispute object carries its whole state, so order does not matter. */
  async applyDispute(ctx: RequestContext, dispute: Stripe.Dispute): Promise<void> {
    const chargeId = typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id;
    const intentId = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : (dispute.payment_intent?.id ?? null);
    const payment = await this.checkout.lockByCharge(ctx, chargeId, intentId);
    if (!payment) {
      this.logger.warn(`dispute ${dispute.id} is not on one of our payments; ignored`);
      return;
    }
    await this.checkout.ensureCaptured(ctx, payment, chargeId);
    const status = dispute.status as ChargebackStatus;
    const existing = await ctx.db.findOneBy(Chargeback, { stripeDisputeId: dispute.id });
    if (!existing) {
      await ctx.db.query(
        `INSERT INTO chargebacks (payment_id, order_id, stripe_dispute_id, amount_minor, currency, reason, status, evidence_due_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (stripe_dispute_id) DO NOTHING`,
        [payment.id, payment.orderId, dispute.id, dispute.amount, payment.currency, dispute.reason, status, dueBy(dispute)],
      );
    } else if (existing.status !== status && chargebackLifecycle.canTransition(existing.status, status)) {
      await ctx.db.query(`UPDATE chargebacks SET status = $2, amount_minor = $3, evidence_due_by = $4, updated_at = now() WHERE id = $1`, [existing.id, status, dispute.amount, dueBy(dispute)]);
    }
    for (const transaction of dispute.balance_transactions ?? []) {
      await this.ledger.post(
        ctx,
        disputeFunds({ balanceTransactionId: transaction.id, orderId: payment.orderId, amountMinor: transaction.amount, feeMinor: transaction.fee, currency: payment.currency }),
      );
    }
    const withdrawn = (dispute.balance_transactions ?? []).some((transaction) => transaction.amount < 0);
    if (status === 'lost' && withdrawn) {
      const held = await this.ledger.heldMinor(ctx, payment.orderId, payment.currency);
      await this.ledger.post(ctx, chargebackLost({ disputeId: dispute.id, orderId: payment.orderId, amountMinor: dispute.amount, heldMinor: held, currency: payment.currency }));
    }
  }

  async hasOpenChargeback(ctx: RequestContext, orderId: string): Promise<boolean> {
    const rows = await ctx.db.query(`SELECT 1 FROM chargebacks WHERE order_id = $1 AND status = ANY($2) LIMIT 1`, [orderId, OPEN_CHARGEBACK_STATUSES]);
    return rows.length > 0;
  }

  async submitEvidence(ctx: RequestContext, input: ChargebackEvidenceInput): Promise<Chargeback | ChargebackClosedError | ProcessorError> {
    const chargeback = await ctx.db.findOneByOrFail(Chargeback, { id: input.chargebackId });
    if (!OPEN_CHARGEBACK_STATUSES.includes(chargeback.status) || chargeback.status.endsWith('under_review')) {
      return new ChargebackClosedError(`The chargeback is ${chargeback.status}; evidence can no longer be changed`);
    }
    let dispute: Stripe.Dispute;
    try {
      dispute = await this.processor.updateDispute(chargeback.stripeDisputeId, {
        evidence: {
          product_description: input.productDescription,
          shipping_tracking_number: input.shippingTrackingNumber,
          shipping_carrier: input.shippingCarrier,
          uncategorized_text: input.uncategorizedText,
        },
        submit: input.submit,
      });
    } catch (error) {
      if (isPermanentProcessorError(error)) return new ProcessorError(`Stripe refused the evidence: ${processorMessage(error)}`);
      throw error;
    }
    await ctx.transaction(async (db) => {
      await this.applyDispute(ctx, dispute);
      if (input.submit) await db.query(`UPDATE chargebacks SET evidence_submitted_at = now() WHERE id = $1`, [chargeback.id]);
    });
    return ctx.db.findOneByOrFail(Chargeback, { id: chargeback.id });
  }
}

function dueBy(dispute: Stripe.Dispute): Date | null {
  const due = dispute.evidence_details?.due_by;
  return due ? new Date(due * 1000) : null;
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@partsmith/platform';
import { CheckoutService, type StartOrderPaymentInput } from './checkout.service';
import { ConnectedAccountsService } from './connected-accounts.service';
import { DisputeResolutionEnum, EscrowAllocation, Payment } from './entities';
import { EscrowService, type AllocationRef, type RegisterAllocationInput } from './escrow.service';
import { LedgerService } from './ledger/ledger.service';
import { RefundsService, type RefundOrderInput } from './refunds.service';

/**
 * What other contexts (orders, sourcing) call. The facade trusts its caller: the orders context has
 * already checked that the designer or factory may act on the order. Expected refusals come back as
 * ErrorResult members; nothing here throws for a business outcome.
 *
 *   checkout   → startOrderPayment (client secret for Stripe.js); cancelOrderPayment before payment
 *   award      → registerAllocation (gross share, factory payout, inspection required?)
 *                (check canReceiveTransfers before awarding)
 *   shipped    → recordDelivery (starts the automatic-release clock), recordInspectionEvidence
 *   accepted   → acceptDelivery (release → transfer)
 *   disputed   → openDeliveryDispute; resolveDeliveryDispute (the operator's release, refund or split)
 *   cancelled  → refundOrder (full or partial; reverses transfers first when needed);
 *                settleCancelledAllocation (after award: compensation to the factory, the rest refunded)
 */
@Injectable()
export class PaymentsFacade {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly escrow: EscrowService,
    private readonly refunds: RefundsService,
    private readonly accounts: ConnectedAccountsService,
    private readonly ledger: LedgerService,
  ) {}

  startOrderPayment(_ctx: RequestContext, input: StartOrderPaymentInput) {
    return this.checkout.startOrderPayment(input);
  }

  cancelOrderPayment(_ctx: RequestContext, orderId: string) {
    return this.checkout.cancelOrderPayment(orderId);
  }

  paymentOf(ctx: RequestContext, orderId: string): Promise<Payment | null> {
    return ctx.db.findOneBy(Payment, { orderId });
  }

  /** Captured, released, refunded and held amounts of the order (from the ledger). */
  async escrowSummary(ctx: RequestContext, orderId: string) {
    const payment = await ctx.db.findOneBy(Payment, { orderId });
    if (!payment) return null;
    return { currency: payment.currency, ...(await this.ledger.orderSummary(ctx, orderId, payment.currency)) };
  }

  allocations(ctx: RequestContext, orderId: string): Promise<EscrowAllocation[]> {
    return ctx.db.find(EscrowAllocation, { where: { orderId }, order: { createdAt: 'ASC' } });
  }

  registerAllocation(ctx: RequestContext, input: RegisterAllocationInput) {
    return this.escrow.registerAllocation(ctx, input);
  }

  recordDelivery(ctx: RequestContext, ref: AllocationRef & { deliveredAt?: Date; inspectionEvidence?: boolean }) {
    return this.escrow.recordDelivery(ctx, ref);
  }

  recordInspectionEvidence(ctx: RequestContext, ref: AllocationRef) {
    return this.escrow.recordInspectionEvidence(ctx, ref);
  }

  acceptDelivery(ctx: RequestContext, ref: AllocationRef) {
    return this.escrow.acceptDelivery(ctx, ref);
  }

  openDeliveryDispute(ctx: RequestContext, ref: AllocationRef & { reason: string; openedByOrganizationId: string }) {
    return this.escrow.openDeliveryDispute(ctx, ref);
  }

  resolveDeliveryDispute(ctx: RequestContext, input: { disputeId: string; resolution: DisputeResolutionEnum; factoryPercent?: number | null; resolvedBy: string | null }) {
    return this.escrow.resolveDeliveryDispute(ctx, input);
  }

  settleCancelledAllocation(ctx: RequestContext, input: AllocationRef & { compensationMinor: number; reason: string }) {
    return this.escrow.settleCancelledAllocation(ctx, input);
  }

  allocation(ctx: RequestContext, ref: AllocationRef): Promise<EscrowAllocation | null> {
    return ctx.db.findOneBy(EscrowAllocation, { orderId: ref.orderId, allocationKey: ref.allocationKey });
  }

  refundOrder(ctx: RequestContext, input: RefundOrderInput) {
    return this.refunds.refundOrder(ctx, input);
  }

  /** The gate sourcing uses: a factory gets awards only when its transfers capability is active. */
  canReceiveTransfers(ctx: RequestContext, factoryOrganizationId: string): Promise<boolean> {
    return this.accounts.canReceiveTransfers(ctx, factoryOrganizationId);
  }
}

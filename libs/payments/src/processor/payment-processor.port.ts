import type Stripe from 'stripe';

/**
 * What payments needs from a processor. Every create call takes an idempotency key derived from our own
 * ids (stored in our database before the call), so SDK retries and job retries never move money twice.
 * Objects are Stripe's own shapes: Stripe is the only processor and the emulator speaks its wire format.
 */
export interface PaymentProcessor {
  createPaymentIntent(input: {
    amountMinor: number;
    currency: string;
    transferGroup: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<Stripe.PaymentIntent>;
  retrievePaymentIntent(id: string): Promise<Stripe.PaymentIntent>;
  /** Confirms with a PaymentMethod (test tokens such as pm_card_visa with the emulator). */
  confirmPaymentIntent(id: string, paymentMethod: string, idempotencyKey: string): Promise<Stripe.PaymentIntent>;
  cancelPaymentIntent(id: string, idempotencyKey: string): Promise<Stripe.PaymentIntent>;
  retrieveCharge(id: string): Promise<Stripe.Charge>;
  listRefunds(chargeId: string): Promise<Stripe.Refund[]>;
  createRefund(input: { paymentIntentId: string; amountMinor: number; metadata: Record<string, string>; idempotencyKey: string }): Promise<Stripe.Refund>;
  createTransfer(input: {
    amountMinor: number;
    currency: string;
    destination: string;
    sourceTransaction: string;
    transferGroup: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<Stripe.Transfer>;
  /** Transfers already made for a transfer group (to find one made under an expired idempotency key). */
  listTransfers(filter: { transferGroup?: string }): Promise<Stripe.Transfer[]>;
  retrieveTransfer(id: string): Promise<Stripe.Transfer>;
  reverseTransfer(input: { transferId: string; amountMinor: number; metadata: Record<string, string>; idempotencyKey: string }): Promise<Stripe.TransferReversal>;
  createConnectedAccount(input: { email?: string; metadata: Record<string, string>; payoutDelayDays: number; idempotencyKey: string }): Promise<Stripe.Account>;
  retrieveAccount(id: string): Promise<Stripe.Account>;
  createAccountLink(input: { account: string; type: 'account_onboarding' | 'account_update'; refreshUrl: string; returnUrl: string }): Promise<Stripe.AccountLink>;
  updateDispute(id: string, input: { evidence: Stripe.DisputeUpdateParams.Evidence; submit: boolean }): Promise<Stripe.Dispute>;
  retrieveDispute(id: string): Promise<Stripe.Dispute>;
  listPaymentIntents(): Promise<Stripe.PaymentIntent[]>;
  listDisputes(): Promise<Stripe.Dispute[]>;
  listRefundsAll(): Promise<Stripe.Refund[]>;
  balance(): Promise<Stripe.Balance>;
  /** Verifies the signature over the raw body and parses the event; throws when it does not verify. */
  constructEvent(rawBody: Buffer, signature: string, secret: string): Stripe.Event;
}

export const PAYMENT_PROCESSOR = Symbol('PAYMENT_PROCESSOR');

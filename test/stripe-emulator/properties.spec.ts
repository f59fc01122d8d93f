import fc from 'fast-check';
import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';

const FEE = (amount: number) => Math.round(amount * 0.029) + 30;

type Op =
  | { kind: 'transfer'; order: number; amount: number }
  | { kind: 'refund'; order: number; amount: number }
  | { kind: 'reverse'; transfer: number; amount: number };

interface OrderModel {
  chargeId: string;
  amount: number;
  refunded: number;
}

interface TransferModel {
  id: string;
  order: number;
  amount: number;
  reversed: number;
}

describe('Stripe emulator: properties through the real SDK', () => {
  const emulator = new StripeEmulator();
  let stripe: Stripe;

  beforeAll(async () => {
    await emulator.start();
    stripe = emulator.client();
  });
  afterAll(() => emulator.stop());

  it('round-trips any metadata the SDK encodes (bracketed form keys, unicode values)', async () => {
    const key = fc.stringMatching(/^[a-zA-Z0-9_\-. ]{1,40}$/).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }), { maxKeys: 12 }), async (metadata) => {
        const intent = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', metadata });
        expect(intent.metadata).toEqual(metadata);
      }),
      { numRuns: 40 },
    );
  });

  it('moves money like the model: transfers, refunds and reversals succeed exactly when the rules allow, and nothing leaks', async () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('transfer' as const), order: fc.nat(2), amount: fc.integer({ min: 1, max: 12_000 }) }),
      fc.record({ kind: fc.constant('refund' as const), order: fc.nat(2), amount: fc.integer({ min: 1, max: 12_000 }) }),
      fc.record({ kind: fc.constant('reverse' as const), transfer: fc.nat(5), amount: fc.integer({ min: 1, max: 12_000 }) }),
    );
    const orderAmounts = fc.array(fc.integer({ min: 500, max: 10_000 }), { minLength: 3, maxLength: 3 });

    await fc.assert(
      fc.asyncProperty(orderAmounts, fc.array(op, { maxLength: 14 }), async (amounts, ops) => {
        emulator.reset();
        stripe = emulator.client();
        const factory = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
        emulator.completeOnboarding(factory.id);
        const orders: OrderModel[] = [];
        for (const amount of amounts) {
          const intent = await stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
          orders.push({ chargeId: intent.latest_charge as string, amount, refunded: 0 });
        }
        const transfers: TransferModel[] = [];
        const held = (order: number) =>
          orders[order].amount - orders[order].refunded -
          transfers.filter((t) => t.order === order).reduce((sum, t) => sum + t.amount - t.reversed, 0);

        for (const step of ops) {
          if (step.kind === 'transfer') {
            const allowed = step.amount <= held(step.order);
            const result = await stripe.transfers
              .create({ amount: step.amount, currency: 'usd', destination: factory.id, source_transaction: orders[step.order].chargeId })
              .catch((error: unknown) => error);
            expect(result instanceof Stripe.errors.StripeInvalidRequestError).toBe(!allowed);
            if (allowed) transfers.push({ id: (result as Stripe.Transfer).id, order: step.order, amount: step.amount, reversed: 0 });
          } else if (step.kind === 'refund') {
            const allowed = step.amount <= held(step.order);
            const result = await stripe.refunds.create({ charge: orders[step.order].chargeId, amount: step.amount }).catch((error: unknown) => error);
            expect(result instanceof Stripe.errors.StripeInvalidRequestError).toBe(!allowed);
            if (allowed) orders[step.order].refunded += step.amount;
          } else if (transfers.length > 0) {
            const transfer = transfers[step.transfer % transfers.length];
            const allowed = step.amount <= transfer.amount - transfer.reversed;
            const result = await stripe.transfers.createReversal(transfer.id, { amount: step.amount }).catch((error: unknown) => error);
            expect(result instanceof Stripe.errors.StripeInvalidRequestError).toBe(!allowed);
            if (allowed) transfer.reversed += step.amount;
          }
        }

        const total = async (options?: Stripe.RequestOptions) => {
          const balance = await stripe.balance.retrieve({}, options);
          return [...balance.available, ...balance.pending].filter((b) => b.currency === 'usd').reduce((sum, b) => sum + b.amount, 0);
        };
        const platform = await total();
        const factoryTotal = await total({ stripeAccount: factory.id });
        const charged = orders.reduce((sum, o) => sum + o.amount - FEE(o.amount) - o.refunded, 0);
        const outstanding = transfers.reduce((sum, t) => sum + t.amount - t.reversed, 0);
        expect(factoryTotal).toBe(outstanding);
        expect(platform + factoryTotal).toBe(charged);
        expect(platform).toBeGreaterThanOrEqual(-orders.reduce((sum, o) => sum + FEE(o.amount), 0));
      }),
      { numRuns: 25 },
    );
  });
});

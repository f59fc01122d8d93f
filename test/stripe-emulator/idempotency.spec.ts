import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';

describe('Stripe emulator: idempotency keys, SDK retries and injected faults', () => {
  const emulator = new StripeEmulator();
  let stripe: Stripe;

  beforeAll(async () => {
    await emulator.start();
  });
  beforeEach(() => {
    emulator.reset();
    stripe = emulator.client();
  });
  afterAll(() => emulator.stop());

  const order = { amount: 4_200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, transfer_group: 'order_7' };

  async function chargesFor(group: string): Promise<Stripe.Charge[]> {
    return (await stripe.charges.list({ transfer_group: group, limit: 100 })).data;
  }

  it('replays the first response for the same key and params, with no second charge', async () => {
    const first = await stripe.paymentIntents.create(order, { idempotencyKey: 'order_7:pay' });
    const second = await stripe.paymentIntents.create(order, { idempotencyKey: 'order_7:pay' });

    expect(second.id).toBe(first.id);
    expect(second).toEqual(first);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(await chargesFor('order_7')).toHaveLength(1);
    expect(emulator.events({ type: 'charge.succeeded' })).toHaveLength(1);
  });

  it('refuses the same key with different params or on another endpoint', async () => {
    await stripe.paymentIntents.create(order, { idempotencyKey: 'order_7:pay' });

    const changed = await stripe.paymentIntents.create({ ...order, amount: 4_300 }, { idempotencyKey: 'order_7:pay' }).catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(changed).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });

    const elsewhere = await stripe.refunds.create({ payment_intent: 'pi_x' }, { idempotencyKey: 'order_7:pay' }).catch((e: unknown) => e);
    expect(elsewhere).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(await chargesFor('order_7')).toHaveLength(1);
  });

  it('replays a card decline rather than charging again', async () => {
    const declined = { ...order, payment_method: 'pm_card_chargeDeclined' };
    const first = await stripe.paymentIntents.create(declined, { idempotencyKey: 'k-decline' }).catch((e: unknown) => e);
    const second = await stripe.paymentIntents.create(declined, { idempotencyKey: 'k-decline' }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((second as Stripe.errors.StripeCardError).headers?.['idempotent-replayed']).toBe('true');
    expect(emulator.events({ type: 'charge.failed' })).toHaveLength(1);
  });

  it('does not save requests that failed validation, so the corrected request runs', async () => {
    await expect(stripe.paymentIntents.create({ ...order, amount: -1 }, { idempotencyKey: 'k-fix' })).rejects.toMatchObject({ param: 'amount' });
    const fixed = await stripe.paymentIntents.create(order, { idempotencyKey: 'k-fix' });
    expect(fixed.status).toBe('succeeded');
  });

  it('scopes keys per account and forgets them after 24 hours', async () => {
    const first = await stripe.paymentIntents.create(order, { idempotencyKey: 'k-day' });
    emulator.advanceTime({ days: 1 });
    const next = await stripe.paymentIntents.create(order, { idempotencyKey: 'k-day' });
    expect(next.id).not.toBe(first.id);

    const account = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    const onAccount = await stripe.paymentIntents.create(order, { idempotencyKey: 'k-day', stripeAccount: account.id });
    expect(onAccount.id).not.toBe(next.id);
  });

  it('SDK retries after injected 500s reuse the key and charge once', async () => {
    emulator.injectFault({ kind: 'server_error', count: 2, method: 'POST', pathPrefix: '/v1/payment_intents' });
    const intent = await stripe.paymentIntents.create(order);

    expect(intent.status).toBe('succeeded');
    const attempts = emulator.requests.filter((r) => r.path === '/v1/payment_intents');
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(await chargesFor('order_7')).toHaveLength(1);
  });

  it('a response lost after the work was done is replayed on retry: money moves once', async () => {
    emulator.injectFault({ kind: 'lost_response', method: 'POST', pathPrefix: '/v1/payment_intents' });
    const intent = await stripe.paymentIntents.create(order);

    const attempts = emulator.requests.filter((r) => r.path === '/v1/payment_intents');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toMatchObject({ replayed: true, idempotencyKey: attempts[0].idempotencyKey });
    expect(intent.status).toBe('succeeded');
    expect(await chargesFor('order_7')).toHaveLength(1);
    const balance = await stripe.balance.retrieve();
    expect(balance.pending.find((b) => b.currency === 'usd')?.amount).toBe(4_200 - (Math.round(4_200 * 0.029) + 30));
  });

  it('a dropped connection before the work is retried and the work happens once', async () => {
    emulator.injectFault({ kind: 'connection_reset', method: 'POST', pathPrefix: '/v1/payment_intents' });
    const intent = await stripe.paymentIntents.create(order);
    expect(intent.status).toBe('succeeded');
    expect(emulator.requests.filter((r) => r.path === '/v1/payment_intents').map((r) => r.fault)).toEqual(['connection_reset', null]);
    expect(await chargesFor('order_7')).toHaveLength(1);
  });

  it('when retries run out the caller sees the failure, and retrying with its own key is still safe', async () => {
    const impatient = emulator.client(undefined, { maxNetworkRetries: 0 });
    emulator.injectFault({ kind: 'lost_response', method: 'POST', pathPrefix: '/v1/payment_intents' });
    // A dropped connection is retried once by the SDK even with retries off; lose that answer too.
    emulator.injectFault({ kind: 'server_error', method: 'POST', pathPrefix: '/v1/payment_intents' });
    await expect(impatient.paymentIntents.create(order, { idempotencyKey: 'order_7:pay' })).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(await chargesFor('order_7')).toHaveLength(1);

    const again = await impatient.paymentIntents.create(order, { idempotencyKey: 'order_7:pay' });
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await chargesFor('order_7')).toHaveLength(1);
  });
});

import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';

describe('Stripe emulator: PaymentIntents through the real SDK', () => {
  const emulator = new StripeEmulator();
  let stripe: Stripe;

  beforeAll(async () => {
    await emulator.start();
    stripe = emulator.client();
  });
  afterAll(() => emulator.stop());

  it('charges a card: the intent succeeds with a charge that carries the order group and Stripe fee', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 12_500,
      currency: 'usd',
      allowed_payment_method_types: ['card'],
      transfer_group: 'order_42',
      metadata: { order_id: 'order_42' },
    });
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', livemode: false });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));

    const confirmed = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa', expand: ['latest_charge'] });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.amount_received).toBe(12_500);
    const charge = confirmed.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: 'charge',
      status: 'succeeded',
      amount: 12_500,
      paid: true,
      transfer_group: 'order_42',
      payment_intent: intent.id,
      metadata: { order_id: 'order_42' },
    });
    expect(charge.id).toMatch(/^ch_/);
    expect(confirmed.payment_method).toMatch(/^pm_(?!card_)/);
    expect(charge.payment_method).toBe(confirmed.payment_method);
    const card = await stripe.paymentMethods.retrieve(confirmed.payment_method as string);
    expect(card.card).toMatchObject({ brand: 'visa', last4: '4242' });

    const transaction = await stripe.balanceTransactions.retrieve(charge.balance_transaction as string);
    expect(transaction).toMatchObject({ type: 'charge', amount: 12_500, fee: Math.round(12_500 * 0.029) + 30, status: 'pending' });
    expect(transaction.available_on).toBeGreaterThan(transaction.created);

    const charges = await stripe.charges.list({ payment_intent: intent.id });
    expect(charges.data.map((c) => c.id)).toEqual([charge.id]);
  });

  it('declines a card with a StripeCardError and leaves the intent ready for another payment method', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5_000, currency: 'usd', automatic_payment_methods: { enabled: true } });
    const failure = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(failure).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });

    const after = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });
    expect((after.latest_charge as Stripe.Charge).status).toBe('failed');

    const retried = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(retried.status).toBe('succeeded');
  });

  it('asks for 3-D Secure and succeeds once the customer authenticates', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 2_000,
      currency: 'eur',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      allowed_payment_method_types: ['card'],
    });
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('use_stripe_sdk');

    emulator.completeAuthentication(intent.id);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('validates inputs the way Stripe does', async () => {
    const invalid = (params: Stripe.PaymentIntentCreateParams) => stripe.paymentIntents.create(params).catch((error: unknown) => error);

    await expect(invalid({ amount: -5, currency: 'usd' })).resolves.toMatchObject({ type: 'StripeInvalidRequestError', param: 'amount' });
    await expect(invalid({ amount: 10.5, currency: 'usd' })).resolves.toMatchObject({ param: 'amount', code: 'parameter_invalid_integer' });
    await expect(invalid({ amount: 20, currency: 'usd' })).resolves.toMatchObject({ code: 'amount_too_small' });
    await expect(invalid({ amount: 1_000, currency: 'usdx' })).resolves.toMatchObject({ param: 'currency' });
    await expect(invalid({ currency: 'usd' } as Stripe.PaymentIntentCreateParams)).resolves.toMatchObject({ code: 'parameter_missing', param: 'amount' });
    await expect(invalid({ amount: 1_000, currency: 'usd', application_fee_amount: 100 })).resolves.toMatchObject({ param: 'application_fee_amount' });
    await expect(invalid({ amount: 1_000, currency: 'usd', metadata: { k: 'x'.repeat(501) } })).resolves.toMatchObject({ param: 'metadata[k]' });
    await expect(invalid({ amount: 1_000, currency: 'usd', allowed_payment_method_types: ['sofort'] })).resolves.toMatchObject({
      param: 'allowed_payment_method_types',
    });
    await expect(invalid({ amount: 1_000, currency: 'usd', bogus: 1 } as Stripe.PaymentIntentCreateParams)).resolves.toMatchObject({
      message: 'Received unknown parameter: bogus',
    });
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('takes payment_method_types only on API versions before 2026-09-30, as the pinned SDK types say', async () => {
    const legacy = { amount: 1_000, currency: 'usd', payment_method_types: ['card'] } as Stripe.PaymentIntentCreateParams;
    await expect(stripe.paymentIntents.create(legacy)).rejects.toMatchObject({ param: 'payment_method_types', code: 'parameter_unknown' });

    const older = emulator.client(undefined, { apiVersion: '2025-08-27.basil' as Stripe.StripeConfig['apiVersion'] });
    const intent = await older.paymentIntents.create(legacy);
    expect(intent).toMatchObject({ payment_method_types: ['card'], automatic_payment_methods: null });
    await expect(
      older.paymentIntents.create({ ...legacy, automatic_payment_methods: { enabled: true } }),
    ).rejects.toMatchObject({ param: 'automatic_payment_methods' });

    const current = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', allowed_payment_method_types: ['card', 'us_bank_account'] });
    expect(current).toMatchObject({ allowed_payment_method_types: ['card', 'us_bank_account'], payment_method_types: ['card'] });
  });

  it('refuses updates to the amount after success but accepts metadata', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await expect(stripe.paymentIntents.update(intent.id, { amount: 2_000 })).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
    const updated = await stripe.paymentIntents.update(intent.id, { metadata: { note: 'ok' } });
    expect(updated.metadata).toEqual({ note: 'ok' });
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
    const open = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd' });
    expect((await stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'abandoned' })).status).toBe('canceled');
  });

  it('pages through lists with limit and starting_after, as the SDK auto-pagination does', async () => {
    const fresh = new StripeEmulator();
    await fresh.start();
    try {
      const client = fresh.client();
      const created: string[] = [];
      for (let i = 0; i < 5; i++) created.push((await client.paymentIntents.create({ amount: 100 + i, currency: 'usd' })).id);
      const page = await client.paymentIntents.list({ limit: 2 });
      expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/payment_intents' });
      expect(page.data.map((p) => p.id)).toEqual([created[4], created[3]]);
      const all = await client.paymentIntents.list({ limit: 2 }).autoPagingToArray({ limit: 10 });
      expect(all.map((p) => p.id)).toEqual([...created].reverse());
    } finally {
      await fresh.stop();
    }
  });

  it('requires a test secret key', async () => {
    const anonymous = emulator.client('sk_live_nope');
    await expect(anonymous.balance.retrieve()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const response = await fetch(`${emulator.url}/v1/balance`);
    expect(response.status).toBe(401);
  });
});

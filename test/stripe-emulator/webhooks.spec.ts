import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';
import { ReceivedWebhook, WebhookReceiver } from './testing/webhook-receiver';

describe('Stripe emulator: events and signed webhook deliveries', () => {
  const emulator = new StripeEmulator({ webhookRetry: { maxAttempts: 3, baseDelayMs: 10 } });
  const platformReceiver = new WebhookReceiver();
  const connectReceiver = new WebhookReceiver();
  let stripe: Stripe;
  let platformSecret: string;
  let platformEndpointId: string;
  let connectSecret: string;

  beforeAll(async () => {
    await Promise.all([emulator.start(), platformReceiver.start(), connectReceiver.start()]);
  });
  beforeEach(async () => {
    emulator.reset();
    platformReceiver.received.length = 0;
    connectReceiver.received.length = 0;
    stripe = emulator.client();
    const platformEndpoint = emulator.addWebhookEndpoint({ url: platformReceiver.url, connect: false });
    platformSecret = platformEndpoint.secret;
    platformEndpointId = platformEndpoint.id;
    const connectEndpoint = await stripe.webhookEndpoints.create({ url: connectReceiver.url, connect: true, enabled_events: ['*'] });
    connectSecret = connectEndpoint.secret as string;
  });
  afterAll(async () => {
    await Promise.all([emulator.stop(), platformReceiver.stop(), connectReceiver.stop()]);
  });

  const verify = (delivery: ReceivedWebhook, secret: string): Stripe.Event => stripe.webhooks.constructEvent(delivery.rawBody, delivery.signature, secret);

  async function pay(group: string): Promise<Stripe.PaymentIntent> {
    return stripe.paymentIntents.create({ amount: 3_000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, transfer_group: group });
  }

  it('signs platform events so that constructEvent verifies the raw body, and refuses a tampered one', async () => {
    const intent = await pay('order_1');
    await emulator.webhooks.whenIdle();

    const events = platformReceiver.received.map((delivery) => verify(delivery, platformSecret));
    expect(events.map((event) => event.type)).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
    expect(events.every((event) => event.account === undefined && event.livemode === false)).toBe(true);
    expect((events[2].data.object as Stripe.PaymentIntent).id).toBe(intent.id);
    expect(events[2].id).toMatch(/^evt_/);
    expect(events[2].request?.idempotency_key).toBeTruthy();
    expect(connectReceiver.received).toHaveLength(0);

    const delivery = platformReceiver.received[0];
    expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(() => stripe.webhooks.constructEvent(delivery.rawBody.replace('3000', '3001'), delivery.signature, platformSecret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => verify(delivery, connectSecret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('sends Connect events, which carry the account, only to Connect endpoints', async () => {
    const account = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    emulator.completeOnboarding(account.id);
    await emulator.webhooks.whenIdle();

    const events = connectReceiver.received.map((delivery) => verify(delivery, connectSecret));
    const updated = events.find((event) => event.type === 'account.updated');
    expect(updated?.account).toBe(account.id);
    expect((updated?.data.object as Stripe.Account).capabilities?.transfers).toBe('active');
    expect(updated?.data.previous_attributes).toMatchObject({ capabilities: { transfers: 'inactive' } });
    expect(platformReceiver.received.map((delivery) => verify(delivery, platformSecret).type)).not.toContain('account.updated');

    const listed = await stripe.events.list({ type: 'account.updated' }, { stripeAccount: account.id });
    expect(listed.data.map((event) => event.id)).toEqual([updated?.id]);
    expect((await stripe.events.list({ type: 'account.updated' })).data).toHaveLength(0);
  });

  it('delivers every event twice when asked, and redelivers on demand', async () => {
    emulator.webhooks.duplicateDeliveries();
    await pay('order_2');
    await emulator.webhooks.whenIdle();
    const ids = platformReceiver.received.map((delivery) => verify(delivery, platformSecret).id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(3);

    emulator.webhooks.duplicateDeliveries(false);
    emulator.webhooks.redeliver(ids[0]);
    await emulator.webhooks.whenIdle();
    expect(platformReceiver.received.map((delivery) => verify(delivery, platformSecret).id).filter((id) => id === ids[0])).toHaveLength(3);
  });

  it('holds deliveries and releases them out of order', async () => {
    emulator.webhooks.hold();
    await pay('order_3');
    await emulator.webhooks.whenIdle();
    expect(platformReceiver.received).toHaveLength(0);
    expect(emulator.webhooks.heldCount()).toBe(3);

    expect(emulator.webhooks.release('reverse')).toBe(3);
    await emulator.webhooks.whenIdle();
    expect(platformReceiver.received.map((delivery) => verify(delivery, platformSecret).type)).toEqual([
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ]);
  });

  it('retries failed deliveries with backoff, a bounded number of times', async () => {
    const attemptsFor = (eventId: string) =>
      emulator.webhooks
        .attempts()
        .filter((attempt) => attempt.eventId === eventId && attempt.endpointId === platformEndpointId)
        .map((attempt) => [attempt.attempt, attempt.status]);

    platformReceiver.respondWith(500, 503);
    await stripe.paymentIntents.create({ amount: 3_000, currency: 'usd' });
    await emulator.webhooks.whenIdle();
    const [recovered] = emulator.events({ type: 'payment_intent.created' });
    expect(attemptsFor(recovered.id)).toEqual([[1, 500], [2, 503], [3, 200]]);
    expect(platformReceiver.received.map((delivery) => verify(delivery, platformSecret).id)).toEqual([recovered.id]);

    platformReceiver.respondWith(500, 500, 500);
    await stripe.paymentIntents.create({ amount: 3_000, currency: 'usd' });
    await emulator.webhooks.whenIdle();
    const [abandoned] = emulator.events({ type: 'payment_intent.created' }).filter((event) => event.id !== recovered.id);
    expect(attemptsFor(abandoned.id)).toEqual([[1, 500], [2, 500], [3, 500]]);
    expect(platformReceiver.received).toHaveLength(1);
  });

  it('only sends the event types an endpoint enabled, and exposes events through the API', async () => {
    const only = new WebhookReceiver();
    await only.start();
    try {
      const endpoint = emulator.addWebhookEndpoint({ url: only.url, connect: false, enabledEvents: ['charge.succeeded'] });
      const intent = await pay('order_4');
      await emulator.webhooks.whenIdle();
      expect(only.received.map((delivery) => verify(delivery, endpoint.secret).type)).toEqual(['charge.succeeded']);

      const succeeded = await stripe.events.list({ type: 'payment_intent.*' });
      expect(succeeded.data.map((event) => event.type)).toEqual(['payment_intent.succeeded', 'payment_intent.created']);
      const event = await stripe.events.retrieve(succeeded.data[0].id);
      expect((event.data.object as Stripe.PaymentIntent).id).toBe(intent.id);
    } finally {
      await only.stop();
    }
  });
});

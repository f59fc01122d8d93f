import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';

/** The HTTP test controls, for processes that only know the emulator's URL (an API under test, a browser). */
describe('Stripe emulator: HTTP test controls under /_emulator', () => {
  const emulator = new StripeEmulator();
  let stripe: Stripe;

  beforeAll(async () => {
    await emulator.start();
    stripe = emulator.client();
  });
  afterAll(() => emulator.stop());

  async function control(path: string, body: Record<string, unknown> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it('opens and resolves disputes, moves the clock and completes onboarding', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2_500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const opened = await control(`charges/${intent.latest_charge as string}/dispute`, { reason: 'duplicate' });
    expect(opened.json).toMatchObject({ object: 'dispute', status: 'needs_response', reason: 'duplicate' });
    const resolved = await control(`disputes/${opened.json.id as string}/resolve`, { outcome: 'lost' });
    expect(resolved.json).toMatchObject({ status: 'lost' });
    expect((await control(`charges/${intent.latest_charge as string}/dispute`)).status).toBe(400);

    const before = emulator.now();
    const advanced = await control('clock/advance', { days: 1 });
    // The real clock may tick between the two readings.
    expect(advanced.json.now).toBeGreaterThanOrEqual(before + 86_400);
    expect(advanced.json.now).toBeLessThanOrEqual(before + 86_401);

    const account = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true }, card_payments: { requested: true } } });
    const onboarded = await control(`accounts/${account.id}/complete_onboarding`);
    expect(onboarded.json).toMatchObject({ capabilities: { transfers: 'active', card_payments: 'active' }, charges_enabled: true });
    const revoked = await control(`accounts/${account.id}/capabilities`, { transfers: 'inactive' });
    expect(revoked.json).toMatchObject({ capabilities: { transfers: 'inactive' }, payouts_enabled: false });
  });

  it('injects faults that the SDK retries through', async () => {
    await control('faults', { kind: 'server_error', count: 1, method: 'GET', path_prefix: '/v1/balance' });
    const balance = await stripe.balance.retrieve();
    expect(balance.object).toBe('balance');
    expect(emulator.requests.filter((r) => r.path === '/v1/balance').map((r) => r.status)).toEqual([500, 200]);
  });

  it('answers unknown controls and API paths with Stripe-shaped 404s', async () => {
    expect((await control('nope')).status).toBe(404);
    await expect(stripe.rawRequest('GET', '/v1/unknown_things', {})).rejects.toMatchObject({ statusCode: 404, type: 'StripeInvalidRequestError' });
  });
});

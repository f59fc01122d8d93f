import type { EnvironmentSource } from '@partsmith/platform';
import { given } from '../support/given';
import { bootApi, createTestEnvironment, type RunningApi, type TestEnvironment } from '../support/harness';

const SETTINGS = `query { checkoutPaymentSettings { mode publishableKey } checkoutPaymentMode }`;

const webhooks = { STRIPE_WEBHOOK_SECRET: 'whsec_platform', STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_connect' };

/**
 * What the web app's checkout learns from the API: which way to pay, and for Stripe itself the publishable
 * key Stripe.js loads with. Only configuration is read — no call reaches Stripe or the emulator.
 */
describe('payments: checkout payment settings', () => {
  let env: TestEnvironment;
  const running: RunningApi[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
  }, 60_000);
  afterAll(async () => {
    for (const api of running) await api.close();
    await env?.teardown();
  });

  async function settingsWith(overrides: EnvironmentSource) {
    const api = await bootApi(env.configWith(overrides));
    running.push(api);
    const designer = await given.designer(api.graphql);
    return api.graphql.data(SETTINGS, {}, designer.accessToken);
  }

  it('with a Stripe account: `stripe` mode and its publishable key, for Stripe.js', async () => {
    const settings = await settingsWith({ ...webhooks, STRIPE_SECRET_KEY: 'sk_test_51PartsmithAccount', STRIPE_PUBLISHABLE_KEY: 'pk_test_51PartsmithAccount' });
    expect(settings).toEqual({ checkoutPaymentSettings: { mode: 'stripe', publishableKey: 'pk_test_51PartsmithAccount' }, checkoutPaymentMode: 'stripe' });
  });

  it('with the local emulator: test cards through the API, and no publishable key even when one is set', async () => {
    const emulator = { ...webhooks, STRIPE_SECRET_KEY: 'sk_test_emulator', STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: '12111', STRIPE_API_PROTOCOL: 'http' };
    expect(await settingsWith(emulator)).toEqual({ checkoutPaymentSettings: { mode: 'test_card', publishableKey: null }, checkoutPaymentMode: 'test_card' });
    expect((await settingsWith({ ...emulator, STRIPE_PUBLISHABLE_KEY: 'pk_test_unused' })).checkoutPaymentSettings).toEqual({ mode: 'test_card', publishableKey: null });
  });

  it('without Stripe: unconfigured', async () => {
    expect(await settingsWith({})).toEqual({ checkoutPaymentSettings: { mode: 'unconfigured', publishableKey: null }, checkoutPaymentMode: 'unconfigured' });
  });
});

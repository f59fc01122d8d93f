import { ConfigError, loadConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/partsmith',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(40),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('builds typed config with defaults', () => {
    const config = loadConfig(valid);
    expect(config.http.port).toBe(4000);
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.redis.prefix).toBe('partsmith');
    expect(config.isProduction).toBe(false);
  });

  it('keeps the acceptance window shorter than the escrow’s automatic release', () => {
    expect(loadConfig({ ...valid, ACCEPTANCE_WINDOW_SECONDS: '3' }).production.acceptanceWindowSeconds).toBe(3);
    expect(problemsOf({ ...valid, ACCEPTANCE_WINDOW_SECONDS: String(7 * 86_400) })).toEqual([expect.stringMatching(/^ACCEPTANCE_WINDOW_SECONDS must be shorter than ESCROW_AUTO_RELEASE_DAYS/)]);
    expect(problemsOf({ ...valid, ACCEPTANCE_WINDOW_SECONDS: '0' })).toEqual([expect.stringMatching(/^ACCEPTANCE_WINDOW_SECONDS/)]);
  });

  it('lists every missing or bad variable by name, at once', () => {
    const problems = problemsOf({ PORT: 'eighty', REDIS_URL: 'http://nope', JWT_SECRET: 'short' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT .*\(got "eighty"\)/),
        'DATABASE_URL is required but not set',
        expect.stringMatching(/^REDIS_URL must be a URL starting with redis:\/\/ or rediss:\/\//),
        expect.stringMatching(/^JWT_SECRET must be at least 32 characters/),
      ]),
    );
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).not.toContain('short'); // secrets are never echoed
  });

  it('refuses a development-looking secret in production', () => {
    expect(problemsOf({ ...valid, NODE_ENV: 'production', JWT_SECRET: `dev-${'x'.repeat(40)}` })).toEqual([
      'JWT_SECRET looks like a development secret; set a random one in production',
    ]);
  });

  it('treats empty strings as unset', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: '' })).toEqual(['DATABASE_URL is required but not set']);
  });
});

describe('loadConfig: scheduling', () => {
  it('takes the nightly re-plan time from SCHEDULING_NIGHTLY_REPLAN_CRON, "off" switches it off, a bad pattern is refused', () => {
    expect(loadConfig(valid).scheduling).toEqual({ nightlyReplanCron: '30 2 * * *', solverThreads: undefined });
    expect(loadConfig({ ...valid, SCHEDULING_NIGHTLY_REPLAN_CRON: '15 4 * * 1-5', SCHEDULING_THREADS: '3' }).scheduling).toEqual({ nightlyReplanCron: '15 4 * * 1-5', solverThreads: 3 });
    expect(loadConfig({ ...valid, SCHEDULING_NIGHTLY_REPLAN_CRON: 'off' }).scheduling.nightlyReplanCron).toBeNull();
    expect(problemsOf({ ...valid, SCHEDULING_NIGHTLY_REPLAN_CRON: 'at night' })).toEqual([expect.stringMatching(/^SCHEDULING_NIGHTLY_REPLAN_CRON must be a 5-field cron pattern/)]);
  });
});

describe('loadConfig: Stripe', () => {
  const webhooks = { STRIPE_WEBHOOK_SECRET: 'whsec_platform', STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_connect' };
  const emulator = { ...valid, ...webhooks, STRIPE_SECRET_KEY: 'sk_test_emulator', STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: '12111', STRIPE_API_PROTOCOL: 'http' };
  const stripeTestMode = { ...valid, ...webhooks, STRIPE_SECRET_KEY: 'sk_test_51Abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_51Abc' };

  it('takes the publishable key for Stripe.js, and knows the local emulator from Stripe itself', () => {
    expect(loadConfig(stripeTestMode).payments.stripe).toMatchObject({ publishableKey: 'pk_test_51Abc', localEmulator: false });
    expect(loadConfig({ ...stripeTestMode, STRIPE_SECRET_KEY: 'sk_live_51Abc', STRIPE_PUBLISHABLE_KEY: 'pk_live_51Abc' }).payments.stripe).toMatchObject({ publishableKey: 'pk_live_51Abc', localEmulator: false });
    expect(loadConfig(emulator).payments.stripe).toMatchObject({ publishableKey: null, localEmulator: true });
    // a test key against a remote host is not the emulator
    expect(problemsOf({ ...emulator, STRIPE_API_HOST: 'stripe-mock.internal' })).toEqual([expect.stringMatching(/^STRIPE_PUBLISHABLE_KEY is required when STRIPE_SECRET_KEY/)]);
  });

  it('refuses to start without a publishable key when the secret key is a Stripe account’s, naming the variable', () => {
    expect(problemsOf({ ...stripeTestMode, STRIPE_PUBLISHABLE_KEY: undefined })).toEqual([
      expect.stringMatching(/^STRIPE_PUBLISHABLE_KEY is required when STRIPE_SECRET_KEY is a Stripe account’s key .*pk_test_… or pk_live_…/),
    ]);
  });

  it('refuses a publishable key that is not one, or from the other mode', () => {
    expect(problemsOf({ ...stripeTestMode, STRIPE_PUBLISHABLE_KEY: 'sk_test_51Abc' })).toEqual([
      'STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_test_… or pk_live_…, from the same Stripe account and mode as STRIPE_SECRET_KEY) (got "sk_test_51Abc")',
    ]);
    expect(problemsOf({ ...stripeTestMode, STRIPE_PUBLISHABLE_KEY: 'pk_live_51Abc' })).toEqual([
      'STRIPE_PUBLISHABLE_KEY is a live-mode key but STRIPE_SECRET_KEY is a test-mode key: both must come from the same mode of the same Stripe account (got "pk_live_51Abc")',
    ]);
    expect(problemsOf({ ...emulator, STRIPE_PUBLISHABLE_KEY: 'nonsense' })).toEqual([expect.stringMatching(/^STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key/)]);
  });
});

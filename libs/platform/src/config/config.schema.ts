import { z } from 'zod';

const url = (schemes: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}` },
  );

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * True when the API talks to the local Stripe emulator (a test-mode secret key and a loopback API host):
 * the web app then pays with test cards through the API. Anything else is Stripe itself, where the browser
 * confirms with Stripe.js and needs the publishable key.
 */
export function usesLocalStripeEmulator(env: { STRIPE_SECRET_KEY?: string; STRIPE_API_HOST?: string }): boolean {
  return Boolean(env.STRIPE_SECRET_KEY?.startsWith('sk_test_') && env.STRIPE_API_HOST && LOOPBACK_HOSTS.has(env.STRIPE_API_HOST));
}

/** Every environment variable Partsmith reads, with its default. README "Configuration" mirrors this list. */
export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(0, 65535).default(4000),
    PUBLIC_URL: url(['http', 'https']).optional(),
    DATABASE_URL: url(['postgres', 'postgresql']),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    DATABASE_POOL_TIMEOUT_MS: int(100, 600_000).default(10_000),
    REDIS_URL: url(['redis', 'rediss']),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, "_" or "-"')
      .default('partsmith'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters (use `openssl rand -hex 32`)'),
    JWT_ISSUER: z.string().min(1).default('partsmith'),
    JWT_AUDIENCE: z.string().min(1).default('partsmith-api'),
    ACCESS_TOKEN_TTL_SECONDS: int(30, 86_400).default(900),
    REFRESH_TOKEN_TTL_SECONDS: int(300, 365 * 86_400).default(30 * 86_400),
    INVITATION_TTL_SECONDS: int(300, 90 * 86_400).default(7 * 86_400),
    PASSWORD_HASH_MEMORY_KIB: int(1024, 1_048_576).default(19_456),
    PASSWORD_HASH_ITERATIONS: int(1, 20).default(2),
    AUTH_RATE_LIMIT_MAX: int(1, 100_000).default(10),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(900),
    GRAPHQL_MAX_DEPTH: int(2, 50).default(10),
    GRAPHQL_MAX_COST: int(10, 1_000_000).default(5_000),
    GRAPHQL_MAX_PAGE_SIZE: int(1, 1000).default(100),
    OUTBOX_POLL_INTERVAL_MS: int(50, 600_000).default(1_000),
    OUTBOX_STRAGGLER_AGE_MS: int(0, 3_600_000).default(10_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('.data'),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    STORAGE_LOCAL_DIR: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(3).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ENDPOINT: url(['http', 'https']).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
    S3_PREFIX: z.string().regex(/^[A-Za-z0-9._/-]*$/).optional(),
    UPLOAD_MAX_BYTES: int(1024, 10 * 1024 ** 3).default(100 * 1024 ** 2),
    GEOMETRY_THREADS: int(1, 64).optional(),
    CERTIFICATE_MAX_BYTES: int(1024, 1024 ** 3).default(20 * 1024 ** 2),
    CERTIFICATE_EXPIRY_WARNING_DAYS: int(1, 365).default(30),
    CERTIFICATE_SWEEP_CRON: z
      .string()
      .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a 5-field cron pattern such as "0 2 * * *", or "off"')
      .default('0 2 * * *'),
    FACTORY_PROBATION_JOBS: int(0, 1000).default(5),
    FACTORY_PROBATION_MAX_JOB_VALUE_MINOR: int(1, 1_000_000_000).default(250_000),
    FACTORY_PROBATION_MAX_OPEN_JOBS: int(1, 1000).default(3),
    PLATFORM_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"')
      .default('EUR'),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)').optional(),
    STRIPE_CONNECT_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)').optional(),
    STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key (pk_test_… or pk_live_…, from the same Stripe account and mode as STRIPE_SECRET_KEY)').optional(),
    STRIPE_API_HOST: z.string().min(1).optional(),
    STRIPE_API_PORT: int(1, 65535).optional(),
    STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
    STRIPE_MAX_NETWORK_RETRIES: int(0, 10).default(2),
    ESCROW_AUTO_RELEASE_DAYS: int(1, 365).default(7),
    ACCEPTANCE_WINDOW_SECONDS: int(1, 90 * 86_400).default(5 * 86_400),
    PRODUCTION_EVIDENCE_MAX_BYTES: int(1024, 1024 ** 3).default(25 * 1024 ** 2),
    FACTORY_PAYOUT_DELAY_DAYS: int(2, 90).default(14),
    RECONCILIATION_CRON: z
      .string()
      .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a 5-field cron pattern such as "0 3 * * *", or "off"')
      .default('0 3 * * *'),
    SCHEDULING_NIGHTLY_REPLAN_CRON: z
      .string()
      .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a 5-field cron pattern such as "30 2 * * *", or "off"')
      .default('30 2 * * *'),
    SCHEDULING_THREADS: int(1, 64).optional(),
    SOURCING_OFFER_TTL_SECONDS: int(1, 30 * 86_400).default(86_400),
    SOURCING_SWEEP_CRON: z
      .string()
      .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a 5-field cron pattern such as "* * * * *", or "off"')
      .default('* * * * *'),
    SOURCING_STALLED_RETRY_MINUTES: int(1, 7 * 1440).default(60),
    SOURCING_BID_PICK_WINDOW_SECONDS: int(1, 30 * 86_400).default(48 * 3600),
    SOURCING_BATCH_CRON: z
      .string()
      .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a 5-field cron pattern such as "*/15 * * * *", or "off"')
      .default('*/15 * * * *'),
    SOURCING_BATCH_TIME_LIMIT_MS: int(100, 60_000).default(2_000),
    SOURCING_DOWNLOAD_LINK_TTL_SECONDS: int(10, 86_400).default(300),
    SOURCING_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SOURCING_NDA_VERSION: z.string().min(1).default('partsmith-mutual-nda-v1'),
    SMTP_URL: url(['smtp', 'smtps']).optional(),
    MAIL_FROM: z.string().min(3).default('Partsmith <no-reply@partsmith.localhost>'),
    WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000),
    WEBHOOK_MAX_ATTEMPTS: int(1, 20).default(8),
    WEBHOOK_RETRY_BASE_MS: int(10, 3_600_000).default(30_000),
    WEBHOOK_DISABLE_AFTER_FAILURES: int(1, 1000).default(15),
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .regex(/^[A-Za-z0-9.:\-\[\]]+(,[A-Za-z0-9.:\-\[\]]+)*$/, 'must be a comma-separated list of host names or IP addresses')
      .optional(),
  })
  .superRefine((env, issue) => {
    if (env.STRIPE_SECRET_KEY) {
      for (const name of ['STRIPE_WEBHOOK_SECRET', 'STRIPE_CONNECT_WEBHOOK_SECRET'] as const) {
        if (!env[name]) issue.addIssue({ code: 'custom', path: [name], message: 'is required when STRIPE_SECRET_KEY is set (webhooks must be verified)' });
      }
      if (!usesLocalStripeEmulator(env) && !env.STRIPE_PUBLISHABLE_KEY) {
        issue.addIssue({
          code: 'custom',
          path: ['STRIPE_PUBLISHABLE_KEY'],
          message: 'is required when STRIPE_SECRET_KEY is a Stripe account’s key (the checkout’s Payment Element loads Stripe.js with it): copy pk_test_… or pk_live_… from the same page of the Stripe dashboard',
        });
      }
    }
    const secretMode = /^(?:sk|rk)_(test|live)_/.exec(env.STRIPE_SECRET_KEY ?? '')?.[1];
    const publishableMode = /^pk_(test|live)_/.exec(env.STRIPE_PUBLISHABLE_KEY ?? '')?.[1];
    if (secretMode && publishableMode && secretMode !== publishableMode) {
      issue.addIssue({
        code: 'custom',
        path: ['STRIPE_PUBLISHABLE_KEY'],
        message: `is a ${publishableMode}-mode key but STRIPE_SECRET_KEY is a ${secretMode}-mode key: both must come from the same mode of the same Stripe account`,
      });
    }
    if (env.ACCEPTANCE_WINDOW_SECONDS >= env.ESCROW_AUTO_RELEASE_DAYS * 86_400) {
      issue.addIssue({
        code: 'custom',
        path: ['ACCEPTANCE_WINDOW_SECONDS'],
        message: `must be shorter than ESCROW_AUTO_RELEASE_DAYS (${env.ESCROW_AUTO_RELEASE_DAYS} days = ${env.ESCROW_AUTO_RELEASE_DAYS * 86_400} s): the designer's window closes before the escrow's own backstop release`,
      });
    }
    if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
      issue.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when STORAGE_DRIVER=s3' });
    }
    if (env.NODE_ENV === 'production' && /^(dev|test|change-?me)/i.test(env.JWT_SECRET)) {
      issue.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'looks like a development secret; set a random one in production' });
    }
  });

export type Environment = z.infer<typeof environmentSchema>;

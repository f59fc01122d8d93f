import { join } from 'node:path';
import { environmentSchema, usesLocalStripeEmulator, type Environment } from './config.schema';

/** Typed, validated configuration. Built once at boot from the environment; nothing else reads process.env. */
export interface AppConfig {
  env: Environment['NODE_ENV'];
  isProduction: boolean;
  http: { host: string; port: number; publicUrl?: string };
  database: { url: string; poolSize: number; connectTimeoutMs?: number };
  redis: { url: string; prefix: string };
  auth: {
    jwtSecret: string;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    invitationTtlSeconds: number;
    passwordHash: { memoryKib: number; iterations: number };
    rateLimit: { max: number; windowSeconds: number };
  };
  graphql: { maxDepth: number; maxCost: number; maxPageSize: number };
  outbox: { pollIntervalMs: number; stragglerAgeMs: number };
  logLevel: Environment['LOG_LEVEL'];
  dataDir: string;
  storage: {
    driver: 'local' | 's3';
    /** Default: <dataDir>/storage. */
    localDir?: string;
    s3?: { bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean; prefix?: string };
  };
  uploads: { maxBytes: number };
  /** Worker threads for geometry analysis and previews (default: cores − 1, at least 1). */
  geometryThreads?: number;
  factories: {
    certificateMaxBytes: number;
    certificateExpiryWarningDays: number;
    /** Cron pattern (UTC) of the nightly certificate sweep, or null when switched off. */
    certificateSweepCron: string | null;
    probation: { jobsRequired: number; maxJobValueMinor: number; maxOpenJobs: number; currency: string };
  };
  payments: {
    /** Null when STRIPE_SECRET_KEY is unset: payment operations then fail with a clear message. */
    stripe: {
      secretKey: string;
      webhookSecret: string;
      connectWebhookSecret: string;
      /** For Stripe.js in the browser (the checkout's Payment Element); null with the local emulator unless set. */
      publishableKey: string | null;
      /** A test-mode key against a loopback STRIPE_API_HOST: the web app pays with test cards through the API. */
      localEmulator: boolean;
      /** Set for the local emulator; real Stripe otherwise. */
      api?: { host: string; port?: number; protocol: 'http' | 'https' };
      maxNetworkRetries: number;
    } | null;
    escrowAutoReleaseDays: number;
    factoryPayoutDelayDays: number;
    /** Cron pattern (UTC) of the nightly reconciliation with the processor, or null when off. */
    reconciliationCron: string | null;
  };
  production: {
    /** After delivery, how long the designer has to accept or dispute before the job line is accepted automatically. */
    acceptanceWindowSeconds: number;
    /** Largest milestone photo, inspection report or dispute evidence upload. */
    evidenceMaxBytes: number;
  };
  scheduling: {
    /** Cron pattern (UTC) of the nightly re-plan of every factory with planned work, or null when off. */
    nightlyReplanCron: string | null;
    /** Worker threads the schedule solver runs on (default: cores − 1, at least 1). */
    solverThreads?: number;
  };
  sourcing: {
    /** How long a factory has to answer an offer (and the designer a counteroffer). */
    offerTtlSeconds: number;
    /** Cron pattern (UTC) of the sweep that starts sourcing for new job lines, or null when off. */
    sweepCron: string | null;
    /** A job line no factory took is tried again after this long. */
    stalledRetryMinutes: number;
    /** Sealed-bid RFQ: how long the designer may pick a bid after bidding closes before the platform awards by score. */
    bidPickWindowSeconds: number;
    /** Cron pattern (UTC) of batch assignment of open batch-mode jobs, or null when off. */
    batchCron: string | null;
    /** Time limit of one batch assignment solve. */
    batchTimeLimitMs: number;
    downloadLinkTtlSeconds: number;
    /** HMAC key of CAD download links (SOURCING_LINK_SECRET, else JWT_SECRET). */
    linkSecret: string;
    ndaVersion: string;
  };
  mail: {
    /** SMTP server (SMTP_URL); null: messages are written as .eml files to `fileDir` instead of sent. */
    smtpUrl: string | null;
    from: string;
    /** <dataDir>/mail. */
    fileDir: string;
  };
  webhooks: {
    timeoutMs: number;
    maxAttempts: number;
    /** First retry delay; later ones double. */
    retryBaseMs: number;
    /** A subscription is switched off after this many failed attempts in a row. */
    disableAfterFailures: number;
    /** Private, loopback and link-local targets are refused in production, except these hosts. */
    refusePrivateTargets: boolean;
    allowedHosts: string[];
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type EnvironmentSource = Record<string, string | undefined>;

/** Validates an environment and returns typed config, or throws ConfigError listing every bad variable. */
export function loadConfig(source: EnvironmentSource): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = typeof cleaned[name] === 'string' && !/SECRET|PASSWORD/.test(name) ? ` (got "${cleaned[name]}")` : '';
      const message = issue.code === 'invalid_type' && cleaned[name] === undefined ? 'is required but not set' : issue.message;
      return `${name} ${message}${value}`;
    });
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    http: { host: env.HOST, port: env.PORT, publicUrl: env.PUBLIC_URL },
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, connectTimeoutMs: env.DATABASE_POOL_TIMEOUT_MS },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    auth: {
      jwtSecret: env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      invitationTtlSeconds: env.INVITATION_TTL_SECONDS,
      passwordHash: { memoryKib: env.PASSWORD_HASH_MEMORY_KIB, iterations: env.PASSWORD_HASH_ITERATIONS },
      rateLimit: { max: env.AUTH_RATE_LIMIT_MAX, windowSeconds: env.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    },
    graphql: { maxDepth: env.GRAPHQL_MAX_DEPTH, maxCost: env.GRAPHQL_MAX_COST, maxPageSize: env.GRAPHQL_MAX_PAGE_SIZE },
    outbox: { pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, stragglerAgeMs: env.OUTBOX_STRAGGLER_AGE_MS },
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    storage: {
      driver: env.STORAGE_DRIVER,
      localDir: env.STORAGE_LOCAL_DIR,
      s3: env.S3_BUCKET
        ? {
            bucket: env.S3_BUCKET,
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
            prefix: env.S3_PREFIX,
          }
        : undefined,
    },
    uploads: { maxBytes: env.UPLOAD_MAX_BYTES },
    geometryThreads: env.GEOMETRY_THREADS,
    factories: {
      certificateMaxBytes: env.CERTIFICATE_MAX_BYTES,
      certificateExpiryWarningDays: env.CERTIFICATE_EXPIRY_WARNING_DAYS,
      certificateSweepCron: env.CERTIFICATE_SWEEP_CRON === 'off' ? null : env.CERTIFICATE_SWEEP_CRON,
      probation: {
        jobsRequired: env.FACTORY_PROBATION_JOBS,
        maxJobValueMinor: env.FACTORY_PROBATION_MAX_JOB_VALUE_MINOR,
        maxOpenJobs: env.FACTORY_PROBATION_MAX_OPEN_JOBS,
        currency: env.PLATFORM_CURRENCY,
      },
    },
    payments: {
      stripe: env.STRIPE_SECRET_KEY
        ? {
            secretKey: env.STRIPE_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? '',
            connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET ?? '',
            publishableKey: env.STRIPE_PUBLISHABLE_KEY ?? null,
            localEmulator: usesLocalStripeEmulator(env),
            api: env.STRIPE_API_HOST
              ? { host: env.STRIPE_API_HOST, port: env.STRIPE_API_PORT, protocol: env.STRIPE_API_PROTOCOL ?? 'https' }
              : undefined,
            maxNetworkRetries: env.STRIPE_MAX_NETWORK_RETRIES,
          }
        : null,
      escrowAutoReleaseDays: env.ESCROW_AUTO_RELEASE_DAYS,
      factoryPayoutDelayDays: env.FACTORY_PAYOUT_DELAY_DAYS,
      reconciliationCron: env.RECONCILIATION_CRON === 'off' ? null : env.RECONCILIATION_CRON,
    },
    production: {
      acceptanceWindowSeconds: env.ACCEPTANCE_WINDOW_SECONDS,
      evidenceMaxBytes: env.PRODUCTION_EVIDENCE_MAX_BYTES,
    },
    scheduling: {
      nightlyReplanCron: env.SCHEDULING_NIGHTLY_REPLAN_CRON === 'off' ? null : env.SCHEDULING_NIGHTLY_REPLAN_CRON,
      solverThreads: env.SCHEDULING_THREADS,
    },
    sourcing: {
      offerTtlSeconds: env.SOURCING_OFFER_TTL_SECONDS,
      sweepCron: env.SOURCING_SWEEP_CRON === 'off' ? null : env.SOURCING_SWEEP_CRON,
      stalledRetryMinutes: env.SOURCING_STALLED_RETRY_MINUTES,
      bidPickWindowSeconds: env.SOURCING_BID_PICK_WINDOW_SECONDS,
      batchCron: env.SOURCING_BATCH_CRON === 'off' ? null : env.SOURCING_BATCH_CRON,
      batchTimeLimitMs: env.SOURCING_BATCH_TIME_LIMIT_MS,
      downloadLinkTtlSeconds: env.SOURCING_DOWNLOAD_LINK_TTL_SECONDS,
      linkSecret: env.SOURCING_LINK_SECRET ?? env.JWT_SECRET,
      ndaVersion: env.SOURCING_NDA_VERSION,
    },
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM, fileDir: join(env.DATA_DIR, 'mail') },
    webhooks: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
      refusePrivateTargets: env.NODE_ENV === 'production',
      allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean),
    },
  };
}

/** The one place that reads process.env. */
export function processEnvironment(): EnvironmentSource {
  return { ...process.env };
}

/** Boot helper for entry points: validated config, or a list of problems on stderr and exit code 1. */
export function configFromProcessOrExit(overrides: EnvironmentSource = {}): AppConfig {
  try {
    return loadConfig({ ...processEnvironment(), ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`partsmith: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, processEnvironment, spawnService, startLocalPostgres, startLocalRedis, stopProcess, waitUntilReady, type EnvironmentSource } from '@partsmith/platform';
import { Client } from 'pg';

export interface LocalEnvironment {
  /** The environment for the API, worker, migrations and seed: DATABASE_URL, REDIS_URL, JWT_SECRET filled in. */
  env: EnvironmentSource;
  /** What was started here (and is stopped by stop()). */
  started: string[];
  /** Set when the local Stripe emulator was started (STRIPE_SECRET_KEY unset). */
  stripeEmulatorUrl?: string;
  stop(): Promise<void>;
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A development secret kept under .data/ so sessions survive restarts; production must set JWT_SECRET. */
function developmentSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * Without STRIPE_SECRET_KEY, payments run against the in-memory Stripe emulator (test/stripe-emulator),
 * with webhooks to the API's endpoints. Its state lives only as long as the process.
 */
async function startStripeEmulator(source: EnvironmentSource, log: (line: string) => void) {
  const bin = join(__dirname, '..', '..', '..', '..', 'test', 'stripe-emulator', 'bin', 'stripe-emulator.js');
  if (!existsSync(bin)) {
    log('STRIPE_SECRET_KEY is not set and the Stripe emulator is not in this build: payments are off');
    return undefined;
  }
  const port = await freePort();
  const api = `http://${source.HOST || '127.0.0.1'}:${source.PORT || '4000'}`;
  const secret = `whsec_${randomBytes(16).toString('hex')}`;
  const emulator = spawnService(process.execPath, [bin, '--port', String(port), '--webhook', `${api}/webhooks/stripe`, '--connect-webhook', `${api}/webhooks/stripe-connect`, '--webhook-secret', secret]);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady('the Stripe emulator', emulator, async () => (await fetch(`${url}/_emulator/clock`)).ok);
  const env: EnvironmentSource = {
    STRIPE_SECRET_KEY: 'sk_test_emulator',
    STRIPE_WEBHOOK_SECRET: secret,
    STRIPE_CONNECT_WEBHOOK_SECRET: secret,
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(port),
    STRIPE_API_PROTOCOL: 'http',
  };
  return { url, env, stop: () => stopProcess(emulator) };
}

/**
 * Uses DATABASE_URL / REDIS_URL when set. Otherwise starts PostgreSQL and Redis on free loopback ports
 * with their data under DATA_DIR (default .data/), so data survives restarts.
 */
export async function prepareLocalEnvironment(options: { redis: boolean; stripeEmulator?: boolean; log: (line: string) => void }): Promise<LocalEnvironment> {
  const source = processEnvironment();
  const dataDir = resolve(source.DATA_DIR || '.data');
  const started: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    let databaseUrl = source.DATABASE_URL;
    if (!databaseUrl) {
      options.log(`starting PostgreSQL (data in ${join(dataDir, 'postgres')})…`);
      const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres'), persistent: true });
      stops.push(() => postgres.stop());
      started.push(`PostgreSQL on 127.0.0.1:${postgres.port}`);
      databaseUrl = await ensureDatabase(postgres.url, 'partsmith');
    }
    let redisUrl = source.REDIS_URL;
    if (!redisUrl && options.redis) {
      options.log(`starting Redis (data in ${join(dataDir, 'redis')})…`);
      const redis = await startLocalRedis({ dataDir: join(dataDir, 'redis'), persistent: true, log: options.log });
      stops.push(() => redis.stop());
      started.push(`Redis at ${redis.url}`);
      redisUrl = redis.url;
    }
    const stripe = options.stripeEmulator && !source.STRIPE_SECRET_KEY ? await startStripeEmulator(source, options.log) : undefined;
    if (stripe) {
      stops.push(stripe.stop);
      started.push(`Stripe emulator at ${stripe.url}`);
    }
    return {
      env: {
        ...source,
        NODE_ENV: source.NODE_ENV || 'development',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl ?? source.REDIS_URL ?? 'redis://127.0.0.1:6379',
        JWT_SECRET: source.JWT_SECRET || developmentSecret(dataDir),
        ...stripe?.env,
      },
      started,
      stripeEmulatorUrl: stripe?.url,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

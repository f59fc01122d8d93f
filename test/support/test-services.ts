import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { processEnvironment } from '../../libs/platform/src/config/app-config';
import { runMigrations } from '../../libs/platform/src/database/data-source';
import { startLocalPostgres, startLocalRedis, type LocalPostgres, type LocalRedis } from '../../libs/platform/src/local-services';
import { assertNoEviction } from '../../libs/platform/src/redis/redis.service';

/** What global setup hands to every test file (through one environment variable, as JSON). */
export interface TestServicesState {
  /** A superuser URL on the test PostgreSQL server; test files create their databases through it. */
  adminDatabaseUrl: string;
  /** Migrated once per run; each test file clones it. */
  templateDatabase: string;
  redisUrl: string;
  runId: string;
}

export const TEST_STATE_VARIABLE = 'PARTSMITH_TEST_STATE';

interface Running {
  state: TestServicesState;
  postgres?: LocalPostgres;
  redis?: LocalRedis;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Uses DATABASE_URL / REDIS_URL when set (test databases and key prefixes are private to the run);
 * otherwise starts a throwaway PostgreSQL and Redis in a temp directory.
 */
export async function startTestServices(): Promise<Running> {
  const env = processEnvironment();
  const runId = randomBytes(4).toString('hex');
  const running: Partial<Running> = {};
  const workDir = mkdtempSync(join(tmpdir(), 'partsmith-test-'));
  const [postgres, redis] = await Promise.all([
    env.DATABASE_URL ? undefined : startLocalPostgres({ dataDir: join(workDir, 'pg'), persistent: false, fast: true }),
    env.REDIS_URL ? undefined : startLocalRedis({ dataDir: join(workDir, 'redis'), persistent: false }),
  ]);
  running.postgres = postgres;
  running.redis = redis;
  const adminDatabaseUrl = env.DATABASE_URL ?? postgres!.url;
  const redisUrl = env.REDIS_URL ?? redis!.url;

  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await probe.connect().catch((error: Error) => {
      throw new Error(`REDIS_URL ${redisUrl} does not answer: ${error.message}`);
    });
    await assertNoEviction(probe, redisUrl);
  } finally {
    probe.disconnect();
  }

  const templateDatabase = `partsmith_template_${runId}`;
  await withClient(adminDatabaseUrl, (client) => client.query(`CREATE DATABASE ${templateDatabase}`)).catch((error: Error) => {
    throw new Error(`DATABASE_URL ${adminDatabaseUrl} does not answer or cannot create databases: ${error.message}`);
  });
  await runMigrations(withDatabase(adminDatabaseUrl, templateDatabase));
  return { ...running, state: { adminDatabaseUrl, templateDatabase, redisUrl, runId } };
}

export async function stopTestServices(running: Running): Promise<void> {
  const { state } = running;
  if (!running.postgres) {
    await withClient(state.adminDatabaseUrl, async (client) => {
      const leftovers = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`partsmith_%_${state.runId}%`]);
      for (const row of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    }).catch(() => undefined);
  }
  await Promise.all([running.postgres?.stop(), running.redis?.stop()]);
}

/** A fresh database for one test file, cloned from the migrated template (tens of milliseconds). */
export async function createTestDatabase(state: TestServicesState): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `partsmith_t_${state.runId}_${randomBytes(4).toString('hex')}`;
  await withClient(state.adminDatabaseUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${state.templateDatabase}`));
  return {
    url: withDatabase(state.adminDatabaseUrl, name),
    drop: () => withClient(state.adminDatabaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

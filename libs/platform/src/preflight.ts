import Redis from 'ioredis';
import { Client } from 'pg';
import type { AppConfig } from './config';
import { assertNoEviction, redactUrl } from './redis';

/** Before booting: PostgreSQL and Redis must answer, and Redis must not evict. Clear messages when not. */
export async function preflight(config: AppConfig): Promise<void> {
  const client = new Client({ connectionString: config.database.url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`DATABASE_URL ${redactUrl(config.database.url)} does not answer: ${(error as Error).message || String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }

  const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5_000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect().catch((error: Error) => {
      throw new Error(`REDIS_URL ${redactUrl(config.redis.url)} does not answer: ${error.message}`);
    });
    await assertNoEviction(redis, config.redis.url);
  } finally {
    redis.disconnect();
  }
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { processEnvironment, startLocalPostgres, startLocalRedis, type EnvironmentSource } from '@partsmith/platform';
import { Client } from 'pg';

export interface LocalEnvironment {
  /** The environment for the API, worker, migrations and seed: DATABASE_URL, REDIS_URL, JWT_SECRET filled in. */
  env: EnvironmentSource;
  /** What was started here (and is stopped by stop()). */
  started: string[];
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
 * Uses DATABASE_URL / REDIS_URL when set. Otherwise starts PostgreSQL and Redis on free loopback ports
 * with their data under DATA_DIR (default .data/), so data survives restarts.
 */
export async function prepareLocalEnvironment(options: { redis: boolean; log: (line: string) => void }): Promise<LocalEnvironment> {
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
    return {
      env: {
        ...source,
        NODE_ENV: source.NODE_ENV || 'development',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl ?? source.REDIS_URL ?? 'redis://127.0.0.1:6379',
        JWT_SECRET: source.JWT_SECRET || developmentSecret(dataDir),
      },
      started,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type AppConfig, type EnvironmentSource } from '@partsmith/platform';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp, type WorkerOptions } from '../../apps/worker/src/create-worker-app';
import { createTestDatabase, TEST_STATE_VARIABLE, type TestServicesState } from './test-services';

export function servicesState(): TestServicesState {
  const raw = process.env[TEST_STATE_VARIABLE];
  if (!raw) throw new Error('Integration tests need the jest global setup (run them through `npm test` or `npx jest`)');
  return JSON.parse(raw) as TestServicesState;
}

export interface TestEnvironment {
  config: AppConfig;
  /** This file's DATA_DIR (local object storage lives under it). */
  dataDir: string;
  /** Raw SQL access to this test file's database, for assertions. */
  db: DataSource;
  configWith(overrides: EnvironmentSource): AppConfig;
  teardown(): Promise<void>;
}

/** A fresh database (cloned from the migrated template) and a private Redis key prefix for one test file. */
export async function createTestEnvironment(overrides: EnvironmentSource = {}): Promise<TestEnvironment> {
  const state = servicesState();
  const database = await createTestDatabase(state);
  const dataDir = mkdtempSync(join(tmpdir(), 'partsmith-data-'));
  const baseEnv: EnvironmentSource = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: state.redisUrl,
    REDIS_PREFIX: `t${state.runId}${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PORT: '0',
    LOG_LEVEL: 'silent',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    OUTBOX_POLL_INTERVAL_MS: '200',
    OUTBOX_STRAGGLER_AGE_MS: '0',
    AUTH_RATE_LIMIT_MAX: '1000',
    DATA_DIR: dataDir,
    ...overrides,
  };
  const db = await new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } }).initialize();
  return {
    config: loadConfig(baseEnv),
    dataDir,
    db,
    configWith: (more) => loadConfig({ ...baseEnv, ...more }),
    async teardown() {
      await db.destroy();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
      await deleteRedisKeys(state.redisUrl, `${baseEnv.REDIS_PREFIX}:*`);
    },
  };
}

/** Removes this file's keys, so a shared Redis (REDIS_URL) does not fill up with test leftovers. */
async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface RunningApi {
  app: NestExpressApplication;
  url: string;
  graphql: GraphQLClient;
  close(): Promise<void>;
}

export async function bootApi(config: AppConfig): Promise<RunningApi> {
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, graphql: new GraphQLClient(`${url}/graphql`), close: () => app.close() };
}

export async function bootWorker(config: AppConfig, options?: WorkerOptions): Promise<INestApplicationContext> {
  return createWorkerApp(config, options);
}

/** A test environment with the API and a worker, booted before a describe block's tests and stopped after them. */
export interface RunningMarketplace {
  env: TestEnvironment;
  api: RunningApi;
  worker: INestApplicationContext;
}

/** Registers the beforeAll/afterAll that boot and stop a marketplace; read its parts inside the tests. */
export function useMarketplace(overrides: EnvironmentSource = {}): RunningMarketplace {
  const running = {} as RunningMarketplace;
  beforeAll(async () => {
    running.env = await createTestEnvironment(overrides);
    running.api = await bootApi(running.env.config);
    running.worker = await bootWorker(running.env.config);
  });
  afterAll(async () => {
    await running.worker?.close();
    await running.api?.close();
    await running.env?.teardown();
  });
  return running;
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }>;
}

/** Speaks GraphQL over HTTP as a client would. */
export class GraphQLClient {
  constructor(readonly endpoint: string) {}

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  }

  /** The data, or a thrown error carrying the GraphQL errors (for steps that must succeed). */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result = await this.request<T>(query, variables, token);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL failed (${result.status}): ${JSON.stringify(result.errors)}`);
    return result.data;
  }
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. For effects of background jobs. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

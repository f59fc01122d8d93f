import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineJob, startLocalRedis } from '@partsmith/platform';
import Redis from 'ioredis';
import { bootWorker, createTestEnvironment, type TestEnvironment } from '../support/harness';

// Declared in this test file only (jest isolates modules per file): a job nobody handles.
defineJob<{ id: string }>({ queue: 'identity', name: 'identity.orphan-job' });

describe('worker boot', () => {
  let env: TestEnvironment;
  beforeAll(async () => (env = await createTestEnvironment()));
  afterAll(async () => env?.teardown());

  it('refuses to start when a declared job has no handler, naming the job', async () => {
    await expect(bootWorker(env.config)).rejects.toThrow('job "identity.orphan-job" (queue "identity") has no handler');
  });

  it('refuses to start against a Redis that may evict keys', async () => {
    // a private Redis, so changing its policy cannot disturb other test files
    const redis = await startLocalRedis({ dataDir: mkdtempSync(join(tmpdir(), 'partsmith-evict-')), persistent: false });
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await expect(bootWorker(env.configWith({ REDIS_URL: redis.url }))).rejects.toThrow(/maxmemory-policy "allkeys-lru".*"noeviction"/);
    } finally {
      admin.disconnect();
      await redis.stop();
    }
  });

  it('says clearly when DATABASE_URL does not answer', async () => {
    const config = env.configWith({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    await expect(bootWorker(config)).rejects.toThrow(/^DATABASE_URL postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere does not answer/);
  });
});

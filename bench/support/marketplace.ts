import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, processEnvironment, runMigrations, spawnService, startLocalPostgres, startLocalRedis, stopProcess, type EnvironmentSource, type ManagedProcess } from '@partsmith/platform';
import { until } from './api-client';

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * The real API and worker processes (from dist/, NODE_ENV=production) on a migrated database, for a
 * bench: DATABASE_URL / REDIS_URL when set, otherwise a throwaway PostgreSQL and Redis. `stop()` ends
 * everything started here.
 */
export async function startMarketplace(options: { name: string; env?: EnvironmentSource }): Promise<{ url: string; stop(): Promise<void> }> {
  const env = processEnvironment();
  const work = mkdtempSync(path.join(tmpdir(), `partsmith-${options.name}-`));
  const children: ManagedProcess[] = [];
  const [postgres, redis] = await Promise.all([
    env.DATABASE_URL ? undefined : startLocalPostgres({ dataDir: path.join(work, 'pg'), persistent: false, fast: true }),
    env.REDIS_URL ? undefined : startLocalRedis({ dataDir: path.join(work, 'redis'), persistent: false }),
  ]);
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child, 'SIGTERM', 10_000)));
    await Promise.all([postgres?.stop(), redis?.stop()]);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const databaseUrl = env.DATABASE_URL ?? postgres!.url;
    await runMigrations(databaseUrl);
    const port = await freePort();
    const childEnv = {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: env.REDIS_URL ?? redis!.url,
      REDIS_PREFIX: `${options.name.replace(/\W/g, '')}${randomBytes(3).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_MAX: '100000',
      DATA_DIR: path.join(work, 'data'),
      ...options.env,
    };
    for (const app of ['api', 'worker']) {
      children.push(spawnService(process.execPath, [path.join(root, 'dist', 'apps', app, 'src', 'main.js')], { env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] }));
    }
    const url = `http://127.0.0.1:${port}`;
    await until(async () => ((await fetch(`${url}/health`).then((r) => r.ok, () => false)) ? true : undefined));
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

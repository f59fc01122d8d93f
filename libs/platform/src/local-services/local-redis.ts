import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import { processEnvironment } from '../config';
import { freePort, spawnService, stopProcess, waitUntilReady } from './processes';

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

function which(command: string): string | undefined {
  for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/opt/homebrew/bin', ...(processEnvironment().PATH ?? '').split(':')]) {
    const candidate = resolve(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

const INSTALL_HINT =
  'Redis is needed and `redis-server` is not installed. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`; ' +
  'Fedora: `sudo dnf install redis`; macOS: `brew install redis`) or set REDIS_URL to a running Redis 7 with maxmemory-policy noeviction.';

/** Finds redis-server; as root on Debian/Ubuntu, installs it with apt-get when missing. */
export function findOrInstallRedisServer(log: (line: string) => void = () => undefined): string {
  const found = which('redis-server');
  if (found) return found;
  if (process.getuid?.() === 0 && which('apt-get')) {
    log('redis-server is missing; installing it with apt-get (one time)…');
    const env = { ...processEnvironment(), DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { env, encoding: 'utf8' });
    const installed = which('redis-server');
    if (installed) return installed;
    throw new Error(`${INSTALL_HINT}\napt-get failed:\n${update.stderr ?? ''}${install.stderr ?? ''}`.trim());
  }
  throw new Error(INSTALL_HINT);
}

export async function startLocalRedis(options: { dataDir: string; persistent: boolean; log?: (line: string) => void }): Promise<LocalRedis> {
  const binary = findOrInstallRedisServer(options.log);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const persistence = options.persistent ? ['--appendonly', 'yes', '--save', '60 1'] : ['--appendonly', 'no', '--save', ''];
  const server = spawnService(binary, [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dataDir,
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--logfile', '',
    ...persistence,
  ]);
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilReady('Redis', server, async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  });
  return {
    url,
    async stop() {
      await stopProcess(server, 'SIGTERM');
      if (!options.persistent) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

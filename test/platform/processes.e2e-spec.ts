import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORGANIZATIONS } from '../../apps/cli/src/seed/demo-data';
import { ALL_MIGRATIONS } from '../../prisma-free-migrations';
import { createTestEnvironment, type TestEnvironment } from '../support/harness';

const root = join(__dirname, '..', '..');
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8', timeout: 60_000 });

describe('entry points as processes', () => {
  let env: TestEnvironment;
  beforeAll(async () => (env = await createTestEnvironment()));
  afterAll(async () => env?.teardown());

  it('the API refuses to boot with bad config and lists every bad variable', () => {
    const result = run([join(root, 'dist/apps/api/src/main.js')], { PORT: 'not-a-port', REDIS_URL: 'http://wrong', JWT_SECRET: 'short' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/PORT .*"not-a-port"/);
    expect(result.stderr).toContain('DATABASE_URL is required but not set');
    expect(result.stderr).toMatch(/REDIS_URL must be a URL starting with redis:\/\//);
    expect(result.stderr).toMatch(/JWT_SECRET must be at least 32 characters/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('the worker says which server does not answer', () => {
    const result = run([join(root, 'dist/apps/worker/src/main.js')], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      REDIS_URL: env.config.redis.url,
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL postgres:\/\/postgres@127\.0\.0\.1:1\/none does not answer/);
  });

  it('`partsmith migrate:revert` and `migrate` round-trip, and `seed` is idempotent', async () => {
    const storageDir = mkdtempSync(join(tmpdir(), 'partsmith-seed-storage-'));
    const cli = (command: string) => run([join(root, 'apps/cli/bin/partsmith.js'), command], { DATABASE_URL: env.config.database.url, STORAGE_LOCAL_DIR: storageDir });
    const reverted = cli('migrate:revert');
    expect(reverted.status).toBe(0);
    const last = ALL_MIGRATIONS.at(-1)!.name;
    expect(reverted.stderr).toContain(`reverted ${last}`);
    const [{ n }] = await env.db.query(`SELECT count(*)::int AS n FROM migrations`);
    expect(n).toBe(ALL_MIGRATIONS.length - 1);
    const migrated = cli('migrate');
    expect(migrated.status).toBe(0);
    expect(migrated.stderr).toContain(`applied ${last}`);

    const first = cli('seed');
    expect(first.status).toBe(0);
    const members = DEMO_ORGANIZATIONS.reduce((sum, org) => sum + org.members.length, 0);
    expect(first.stderr).toContain(`${DEMO_ORGANIZATIONS.length} organisations and ${members} users created`);
    const second = cli('seed');
    expect(second.stderr).toContain('0 organisations and 0 users created');
    const [counts] = await env.db.query(
      `SELECT (SELECT count(*)::int FROM organizations WHERE kind = 'factory') AS factories,
              (SELECT count(DISTINCT country)::int FROM organizations WHERE kind = 'factory') AS countries,
              (SELECT count(*)::int FROM organizations WHERE status = 'suspended') AS suspended,
              (SELECT count(*)::int FROM memberships WHERE role = 'operator') AS operators`,
    );
    expect(counts).toEqual({ factories: 10, countries: 10, suspended: 1, operators: 1 });

    // the factory network: profiles in every vetting state, certificates in every state, scorecard history
    expect(first.stderr).toContain(', 10 factory profiles');
    expect(second.stderr).toContain(', 0 factory profiles');
    const [network] = await env.db.query(
      `SELECT (SELECT count(*)::int FROM factories) AS profiles,
              (SELECT count(DISTINCT country)::int FROM factories) AS countries,
              (SELECT count(DISTINCT p)::int FROM factories, unnest(processes) p) AS processes,
              (SELECT count(*)::int FROM factories WHERE status = 'approved' AND on_probation) AS "onProbation",
              (SELECT count(*)::int FROM factories f JOIN organizations o ON o.id = f.organization_id WHERE f.status = 'suspended' AND o.status = 'suspended') AS suspended,
              (SELECT count(*)::int FROM factories WHERE status IN ('applied', 'under_review')) AS "awaitingReview",
              (SELECT count(*)::int FROM factory_certificates WHERE status = 'expired') AS expired,
              (SELECT count(*)::int FROM factory_certificates WHERE status = 'verified' AND valid_until < current_date + 30) AS "expiringSoon",
              (SELECT count(*)::int FROM factory_scorecards WHERE event_count > 0) AS "withHistory"`,
    );
    expect(network).toEqual({ profiles: 10, countries: 10, processes: 13, onProbation: 3, suspended: 1, awaitingReview: 2, expired: 1, expiringSoon: 1, withHistory: 7 });
    const [document] = await env.db.query(`SELECT document_key FROM factory_certificates WHERE document_key IS NOT NULL LIMIT 1`);
    expect(readFileSync(join(storageDir, document.document_key)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

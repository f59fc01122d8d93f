import { ConfigError, loadConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/partsmith',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(40),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('builds typed config with defaults', () => {
    const config = loadConfig(valid);
    expect(config.http.port).toBe(4000);
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.redis.prefix).toBe('partsmith');
    expect(config.isProduction).toBe(false);
  });

  it('keeps the acceptance window shorter than the escrow’s automatic release', () => {
    expect(loadConfig({ ...valid, ACCEPTANCE_WINDOW_SECONDS: '3' }).production.acceptanceWindowSeconds).toBe(3);
    expect(problemsOf({ ...valid, ACCEPTANCE_WINDOW_SECONDS: String(7 * 86_400) })).toEqual([expect.stringMatching(/^ACCEPTANCE_WINDOW_SECONDS must be shorter than ESCROW_AUTO_RELEASE_DAYS/)]);
    expect(problemsOf({ ...valid, ACCEPTANCE_WINDOW_SECONDS: '0' })).toEqual([expect.stringMatching(/^ACCEPTANCE_WINDOW_SECONDS/)]);
  });

  it('lists every missing or bad variable by name, at once', () => {
    const problems = problemsOf({ PORT: 'eighty', REDIS_URL: 'http://nope', JWT_SECRET: 'short' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT .*\(got "eighty"\)/),
        'DATABASE_URL is required but not set',
        expect.stringMatching(/^REDIS_URL must be a URL starting with redis:\/\/ or rediss:\/\//),
        expect.stringMatching(/^JWT_SECRET must be at least 32 characters/),
      ]),
    );
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).not.toContain('short'); // secrets are never echoed
  });

  it('refuses a development-looking secret in production', () => {
    expect(problemsOf({ ...valid, NODE_ENV: 'production', JWT_SECRET: `dev-${'x'.repeat(40)}` })).toEqual([
      'JWT_SECRET looks like a development secret; set a random one in production',
    ]);
  });

  it('treats empty strings as unset', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: '' })).toEqual(['DATABASE_URL is required but not set']);
  });
});

describe('loadConfig: scheduling', () => {
  it('takes the nightly re-plan time from SCHEDULING_NIGHTLY_REPLAN_CRON, "off" switches it off, a bad pattern is refused', () => {
    expect(loadConfig(valid).scheduling).toEqual({ nightlyReplanCron: '30 2 * * *', solverThreads: undefined });
    expect(loadConfig({ ...valid, SCHEDULING_NIGHTLY_REPLAN_CRON: '15 4 * * 1-5', SCHEDULING_THREADS: '3' }).scheduling).toEqual({ nightlyReplanCron: '15 4 * * 1-5', solverThreads: 3 });
    expect(loadConfig({ ...valid, SCHEDULING_NIGHTLY_REPLAN_CRON: 'off' }).scheduling.nightlyReplanCron).toBeNull();
    expect(problemsOf({ ...valid, SCHEDULING_NIGHTLY_REPLAN_CRON: 'at night' })).toEqual([expect.stringMatching(/^SCHEDULING_NIGHTLY_REPLAN_CRON must be a 5-field cron pattern/)]);
  });
});

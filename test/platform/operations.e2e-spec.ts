import { given, givenOperator, LOGIN, SIGN_UP, uniqueEmail } from '../support/given';
import { bootApi, createTestEnvironment, type RunningApi, type TestEnvironment } from '../support/harness';

describe('operations: health, metrics, request ids, queue dashboard, rate limits', () => {
  let env: TestEnvironment;
  let api: RunningApi;

  beforeAll(async () => {
    env = await createTestEnvironment({ AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60' });
    api = await bootApi(env.config);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('reports liveness and readiness with each dependency', async () => {
    expect(await (await fetch(`${api.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/health`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { database: { ok: true }, redis: { ok: true } } });
  });

  it('echoes a request id, or makes one', async () => {
    const echoed = await fetch(`${api.url}/health/live`, { headers: { 'x-request-id': 'req-1234567890' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-1234567890');
    const made = await fetch(`${api.url}/health/live`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics for HTTP, GraphQL operations and queue depths', async () => {
    await api.graphql.request(`query Probe { __typename }`);
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toMatch(/partsmith_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(text).toMatch(/partsmith_graphql_operations_total\{type="query",name="Probe",outcome="ok"\} 1/);
    expect(text).toMatch(/partsmith_queue_jobs\{queue="identity",state="waiting"\} \d+/);
  });

  it('shows the queue dashboard to operators only', async () => {
    expect((await fetch(`${api.url}/admin/queues`)).status).toBe(401);
    const designer = await given.designer(api.graphql);
    expect((await fetch(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${designer.accessToken}` } })).status).toBe(403);
    const operator = await givenOperator(env.db, api.graphql);
    const page = await fetch(`${api.url}/admin/queues`, { headers: { cookie: `ps_access=${operator.accessToken}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const queues = await fetch(`${api.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${operator.accessToken}` } });
    expect(JSON.stringify(await queues.json())).toContain('"name":"identity"');
  });

  it('limits failed logins per email and address, without touching other accounts', async () => {
    const victim = await given.designer(api.graphql);
    for (let i = 0; i < 3; i++) {
      const wrong = await api.graphql.data(LOGIN, { input: { email: victim.email, password: `wrong password ${i}` } });
      expect(wrong.login.__typename).toBe('InvalidCredentialsError');
    }
    const blocked = await api.graphql.data(LOGIN, { input: { email: victim.email, password: victim.password } });
    expect(blocked.login).toMatchObject({ __typename: 'TooManyAttemptsError', retryAfterSeconds: expect.any(Number) });
    expect(blocked.login.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('limits sign-ups per address', async () => {
    const fresh = await createTestEnvironment({ AUTH_RATE_LIMIT_MAX: '2' });
    const other = await bootApi(fresh.config);
    try {
      const attempt = () =>
        other.graphql.data(SIGN_UP, {
          input: { email: uniqueEmail(), password: 'a long enough password', displayName: 'X', organizationName: 'Y', organizationKind: 'designer' },
        });
      expect((await attempt()).signUp.__typename).toBe('AuthPayload');
      expect((await attempt()).signUp.__typename).toBe('AuthPayload');
      expect((await attempt()).signUp.__typename).toBe('TooManyAttemptsError');
      expect((await fresh.db.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(2);
    } finally {
      await other.close();
      await fresh.teardown();
    }
  });
});

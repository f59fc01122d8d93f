import { bootApi, createTestEnvironment, type RunningApi, type TestEnvironment } from '../support/harness';
import { given, givenOperator, LOGIN, ME, REFRESH, SIGN_UP, uniqueEmail } from '../support/given';

describe('identity over GraphQL', () => {
  let env: TestEnvironment;
  let api: RunningApi;

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await bootApi(env.config);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('signs up a designer, who becomes the designer of a new organisation and can ask who they are', async () => {
    const account = await given.designer(api.graphql);
    const me = await api.graphql.data(ME, {}, account.accessToken);
    expect(me.me).toMatchObject({ role: 'designer', user: { email: account.email }, organization: { kind: 'designer' } });
  });

  it('refuses a second account for the same email (any case) and names weak input', async () => {
    const account = await given.factory(api.graphql);
    const again = await api.graphql.data(SIGN_UP, {
      input: { email: account.email.toUpperCase(), password: 'another long password', displayName: 'X', organizationName: 'Y', organizationKind: 'designer' },
    });
    expect(again.signUp).toMatchObject({ __typename: 'EmailAlreadyRegisteredError', errorCode: 'EMAIL_ALREADY_REGISTERED' });
    const weak = await api.graphql.data(SIGN_UP, {
      input: { email: uniqueEmail(), password: 'short', displayName: 'X', organizationName: 'Y', organizationKind: 'designer' },
    });
    expect(weak.signUp).toMatchObject({ __typename: 'InputValidationError', field: 'password' });
    const operatorKind = await api.graphql.data(SIGN_UP, {
      input: { email: uniqueEmail(), password: 'long enough password', displayName: 'X', organizationName: 'Y', organizationKind: 'platform' },
    });
    expect(operatorKind.signUp).toMatchObject({ __typename: 'InputValidationError', field: 'organizationKind' });
    const count = await env.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [account.email]);
    expect(count[0].n).toBe(1);
  });

  it('logs in with the right password only', async () => {
    const account = await given.designer(api.graphql);
    const wrong = await api.graphql.data(LOGIN, { input: { email: account.email, password: 'not the password' } });
    expect(wrong.login).toMatchObject({ __typename: 'InvalidCredentialsError' });
    const nobody = await api.graphql.data(LOGIN, { input: { email: uniqueEmail('nobody'), password: 'whatever password' } });
    expect(nobody.login).toMatchObject({ __typename: 'InvalidCredentialsError' });
    const right = await api.graphql.data(LOGIN, { input: { email: account.email, password: account.password } });
    expect(right.login.__typename).toBe('AuthPayload');
    const me = await api.graphql.data(ME, {}, right.login.accessToken);
    expect(me.me.user.email).toBe(account.email);
  });

  it('rotates refresh tokens: each works once and yields a working access token', async () => {
    const account = await given.designer(api.graphql);
    const first = (await api.graphql.data(REFRESH, { input: { refreshToken: account.refreshToken } })).refreshSession;
    expect(first.__typename).toBe('AuthPayload');
    expect(first.refreshToken).not.toBe(account.refreshToken);
    const second = (await api.graphql.data(REFRESH, { input: { refreshToken: first.refreshToken } })).refreshSession;
    expect(second.__typename).toBe('AuthPayload');
    expect((await api.graphql.data(ME, {}, second.accessToken)).me.user.email).toBe(account.email);
  });

  it('revokes the whole family when a rotated refresh token is used again', async () => {
    const account = await given.designer(api.graphql);
    const rotated = (await api.graphql.data(REFRESH, { input: { refreshToken: account.refreshToken } })).refreshSession;
    const replay = (await api.graphql.data(REFRESH, { input: { refreshToken: account.refreshToken } })).refreshSession;
    expect(replay).toMatchObject({ __typename: 'InvalidRefreshTokenError', errorCode: 'INVALID_REFRESH_TOKEN' });
    // the legitimate holder's newer tokens die with the family
    const newer = (await api.graphql.data(REFRESH, { input: { refreshToken: rotated.refreshToken } })).refreshSession;
    expect(newer.__typename).toBe('InvalidRefreshTokenError');
    const me = await api.graphql.request(ME, {}, rotated.accessToken);
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(me.errors?.[0].message).toMatch(/refresh token reuse/);
  });

  it('ends the session on logout and every session on password change', async () => {
    const account = await given.designer(api.graphql);
    const otherDevice = (await api.graphql.data(LOGIN, { input: { email: account.email, password: account.password } })).login;
    expect(await api.graphql.data(`mutation { logout }`, {}, account.accessToken)).toEqual({ logout: true });
    expect((await api.graphql.request(ME, {}, account.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql.data(ME, {}, otherDevice.accessToken)).me.user.email).toBe(account.email);

    const changed = await api.graphql.data(
      `mutation C($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on AuthPayload { accessToken } } }`,
      { input: { currentPassword: account.password, newPassword: 'a brand new password' } },
      otherDevice.accessToken,
    );
    expect(changed.changePassword.__typename).toBe('AuthPayload');
    expect((await api.graphql.request(ME, {}, otherDevice.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql.data(ME, {}, changed.changePassword.accessToken)).me.user.email).toBe(account.email);
    const oldPassword = await api.graphql.data(LOGIN, { input: { email: account.email, password: account.password } });
    expect(oldPassword.login.__typename).toBe('InvalidCredentialsError');
  });

  it('rejects a tampered, foreign or missing token with UNAUTHENTICATED', async () => {
    const account = await given.designer(api.graphql);
    const [header, payload] = account.accessToken.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    for (const token of [`${header}.${payload}.AAAA`, none, 'garbage']) {
      const result = await api.graphql.request(ME, {}, token);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await api.graphql.request(ME)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('denies operator-only operations to designers and factories, and allows them to operators', async () => {
    const designer = await given.designer(api.graphql);
    const factory = await given.factory(api.graphql);
    const operator = await givenOperator(env.db, api.graphql);
    const query = `{ organizations(first: 50) { totalCount edges { node { id kind } } } }`;
    for (const caller of [designer, factory]) {
      const denied = await api.graphql.request(query, {}, caller.accessToken);
      expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(denied.data).toBeNull();
    }
    const allowed = await api.graphql.data(query, {}, operator.accessToken);
    const ids = allowed.organizations.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids).toEqual(expect.arrayContaining([designer.organizationId, factory.organizationId]));
    // a designer cannot read another organisation either
    const foreign = await api.graphql.request(`query O($id: ID!) { organization(id: $id) { name } }`, { id: factory.organizationId }, designer.accessToken);
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("kills a suspended organisation's sessions at once and refuses its logins and refreshes", async () => {
    const factory = await given.factory(api.graphql);
    const operator = await givenOperator(env.db, api.graphql);
    const suspend = `mutation S($input: SuspendOrganizationInput!) { suspendOrganization(input: $input) { status suspendedReason } }`;
    const denied = await api.graphql.request(suspend, { input: { organizationId: factory.organizationId, reason: 'x' } }, factory.accessToken);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const result = await api.graphql.data(suspend, { input: { organizationId: factory.organizationId, reason: 'Certificates forged' } }, operator.accessToken);
    expect(result.suspendOrganization).toEqual({ status: 'suspended', suspendedReason: 'Certificates forged' });
    expect((await api.graphql.request(ME, {}, factory.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql.data(REFRESH, { input: { refreshToken: factory.refreshToken } })).refreshSession.__typename).toBe('InvalidRefreshTokenError');
    const login = await api.graphql.data(LOGIN, { input: { email: factory.email, password: factory.password } });
    expect(login.login).toMatchObject({ __typename: 'OrganizationSuspendedError', message: expect.stringContaining('Certificates forged') });

    const twice = await api.graphql.request(suspend, { input: { organizationId: factory.organizationId, reason: 'again' } }, operator.accessToken);
    expect(twice.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    await api.graphql.data(`mutation R($id: ID!) { reinstateOrganization(organizationId: $id) { status } }`, { id: factory.organizationId }, operator.accessToken);
    expect((await api.graphql.data(LOGIN, { input: { email: factory.email, password: factory.password } })).login.__typename).toBe('AuthPayload');
  });
});

import { randomBytes } from 'node:crypto';
import type { GraphQLClient } from './harness';

export const AUTH_FIELDS = `
  __typename
  ... on AuthPayload { accessToken refreshToken accessTokenExpiresAt role user { id email } organization { id kind name } }
  ... on ErrorResult { errorCode message }
`;
const FIELD = '... on InputValidationError { field }';
const RETRY = '... on TooManyAttemptsError { retryAfterSeconds }';

export const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} ${FIELD} ${RETRY} } }`;
export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} ${RETRY} } }`;
export const REFRESH = `mutation Refresh($input: RefreshSessionInput!) { refreshSession(input: $input) { ${AUTH_FIELDS} } }`;
export const ME = `query Me { me { role user { email } organization { id name kind } } }`;

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
  email: string;
  password: string;
}

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(4).toString('hex')}@example.test`;

/** Small factory helpers: a signed-up account of each kind, through the public API. */
export const given = {
  async account(client: GraphQLClient, kind: 'designer' | 'factory', overrides: Partial<{ email: string; password: string; organizationName: string }> = {}): Promise<SignedIn> {
    const email = overrides.email ?? uniqueEmail(kind);
    const password = overrides.password ?? 'correct horse battery staple';
    const data = await client.data(SIGN_UP, {
      input: { email, password, displayName: `Test ${kind}`, organizationName: overrides.organizationName ?? `${kind} org ${email}`, organizationKind: kind },
    });
    const result = data.signUp;
    if (result.__typename !== 'AuthPayload') throw new Error(`sign-up failed: ${JSON.stringify(result)}`);
    return { accessToken: result.accessToken, refreshToken: result.refreshToken, userId: result.user.id, organizationId: result.organization.id, email, password };
  },
  designer: (client: GraphQLClient) => given.account(client, 'designer'),
  factory: (client: GraphQLClient) => given.account(client, 'factory'),
};

/** Operators cannot sign up: they are created by the seed (or here, directly in the database). */
export async function givenOperator(db: import('typeorm').DataSource, client: GraphQLClient): Promise<SignedIn> {
  const argon2 = await import('argon2');
  const email = uniqueEmail('operator');
  const password = 'operator password 123';
  const hash = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const [org] = await db.query(`INSERT INTO organizations (kind, name, slug) VALUES ('platform', 'Partsmith', $1) RETURNING id`, [`platform-${randomBytes(3).toString('hex')}`]);
  const [user] = await db.query(`INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'Operator', $2) RETURNING id`, [email, hash]);
  await db.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'operator')`, [user.id, org.id]);
  const result = (await client.data(LOGIN, { input: { email, password } })).login;
  return { accessToken: result.accessToken, refreshToken: result.refreshToken, userId: user.id, organizationId: org.id, email, password };
}

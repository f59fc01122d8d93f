import { randomBytes } from 'node:crypto';

const POLL_MS = 10;

/** GraphQL over HTTP; throws on errors (bench steps must succeed). */
export async function graphql(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A new designer account: its session as the API returns it (what the web app keeps after signing up). */
export async function signUpSession(url: string): Promise<Record<string, any> & { accessToken: string }> {
  const email = `bench-${randomBytes(5).toString('hex')}@example.test`;
  const fields = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt role user { id email displayName } organization { id name kind }';
  const data = await graphql(url, `mutation S($i: SignUpInput!) { signUp(input: $i) { __typename ... on AuthPayload { ${fields} } } }`, {
    i: { email, password: 'benchmark password', displayName: 'Bench', organizationName: `Bench ${email}`, organizationKind: 'designer' },
  });
  return data.signUp;
}

/** A new designer account; returns its access token. */
export async function signUp(url: string): Promise<string> {
  return (await signUpSession(url)).accessToken;
}

export async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

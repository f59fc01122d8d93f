import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { print } from 'graphql';
import { accessTokenExpiring, getSession, setSession, type Session } from '../auth/session';
import { possibleTypes, RefreshSessionDocument, type RefreshSessionMutation } from '../gql/graphql';

let refreshing: Promise<Session | null> | null = null;

/** Exchanges the refresh token once for everyone waiting (each refresh token works only once). */
export function refreshSession(): Promise<Session | null> {
  const session = getSession();
  if (!session) return Promise.resolve(null);
  refreshing ??= (async () => {
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(RefreshSessionDocument), variables: { input: { refreshToken: session.refreshToken } } }),
      });
      const body = (await response.json()) as { data?: RefreshSessionMutation };
      const result = body.data?.refreshSession;
      if (result?.__typename === 'AuthPayload') {
        setSession(result);
        return getSession();
      }
      setSession(null);
      return null;
    } catch {
      return getSession(); // offline: keep the session, the request will report the network error
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A bearer token that is not about to expire (refreshing first when it is). */
export async function freshAccessToken(): Promise<string | null> {
  let session = getSession();
  if (session && accessTokenExpiring(session)) session = await refreshSession();
  return session?.accessToken ?? null;
}

/** fetch for Apollo: adds the bearer token, refreshes it when close to expiry, and once more on UNAUTHENTICATED. */
async function authenticatedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const send = (token: string | null) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const token = await freshAccessToken();
  const response = await send(token);
  if (!token) return response;
  const text = await response.clone().text();
  if (!text.includes('"UNAUTHENTICATED"')) return response;
  const renewed = await refreshSession();
  return renewed ? send(renewed.accessToken) : response;
}

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: authenticatedFetch }),
    cache: new InMemoryCache({
      possibleTypes, // so `... on ErrorResult` matches the error members of result unions
      typePolicies: {
        // result unions share ids with their entities; these have no id of their own
        GeometryAnalysis: { keyFields: false },
        QuoteBreak: { keyFields: false },
        JobLineProgress: { keyFields: ['jobLineId'] },
        JobLineSchedule: { keyFields: ['jobLineId'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}

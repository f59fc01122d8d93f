import type { Role, SessionFieldsFragment } from '../gql/graphql';

/** What the browser keeps of a signed-in session (localStorage, one per browser profile). */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  role: Role;
  user: { id: string; email: string; displayName: string };
  organization: { id: string; name: string; kind: string };
}

const STORAGE_KEY = 'partsmith.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/**
 * The access token also goes in the `ps_access` cookie: EventSource (live status) and plain <a> downloads
 * cannot send an Authorization header, and the API reads that cookie for them.
 */
function writeCookie(session: Session | null): void {
  if (typeof document === 'undefined') return;
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = session
    ? `ps_access=${encodeURIComponent(session.accessToken)}; Path=/; SameSite=Strict; Expires=${new Date(session.accessTokenExpiresAt).toUTCString()}${secure}`
    : `ps_access=; Path=/; SameSite=Strict; Max-Age=0${secure}`;
}

export function getSession(): Session | null {
  return current;
}

export function setSession(payload: SessionFieldsFragment | Session | null): void {
  current = payload
    ? {
        accessToken: payload.accessToken,
        accessTokenExpiresAt: payload.accessTokenExpiresAt,
        refreshToken: payload.refreshToken,
        refreshTokenExpiresAt: payload.refreshTokenExpiresAt,
        role: payload.role,
        user: { id: payload.user.id, email: payload.user.email, displayName: payload.user.displayName },
        organization: { id: payload.organization.id, name: payload.organization.name, kind: payload.organization.kind },
      }
    : null;
  if (current) localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  else localStorage.removeItem(STORAGE_KEY);
  writeCookie(current);
  for (const listener of listeners) listener(current);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The access token expires within `marginMs` (refresh before sending). */
export function accessTokenExpiring(session: Session, now = Date.now(), marginMs = 30_000): boolean {
  return new Date(session.accessTokenExpiresAt).getTime() - marginMs <= now;
}

/** Home page of each role. */
export function homePath(role: Role): string {
  switch (role) {
    case 'designer':
      return '/designer/parts';
    case 'factory_admin':
    case 'factory_member':
      return '/factory/jobs';
    case 'operator':
      return '/operator/ledger';
  }
}

if (current) writeCookie(current);

import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../gql/graphql';
import { homePath } from '../auth/session';
import { useSession } from '../auth/useSession';

/** Signed-out visitors go to sign in (and come back); a signed-in user of another role goes home. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(session.role)) return <Navigate to={homePath(session.role)} replace />;
  return <Outlet />;
}

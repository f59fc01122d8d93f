import { Navigate, Route, Routes } from 'react-router';
import { homePath } from '../auth/session';
import { useSession } from '../auth/useSession';
import { NotFound } from '../pages/public/NotFound';
import { SignIn } from '../pages/public/SignIn';
import { SignUp } from '../pages/public/SignUp';
import { AppShell } from './AppShell';
import { RequireRole } from './RequireRole';
import { ROLE_AREAS } from './routes';

export function App() {
  const session = useSession();
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route path="/sign-up" element={<SignUp />} />
      <Route element={<AppShell />}>
        <Route index element={<Navigate to={session ? homePath(session.role) : '/sign-in'} replace />} />
        {ROLE_AREAS.map((area) => (
          <Route key={area.prefix} path={area.prefix} element={<RequireRole roles={area.roles} />}>
            {area.pages.map((page) => (
              <Route key={page.path} path={page.path} element={page.element} />
            ))}
          </Route>
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

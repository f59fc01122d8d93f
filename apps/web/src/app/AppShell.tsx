import { useApolloClient, useMutation } from '@apollo/client/react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { setSession } from '../auth/session';
import { UnreadMessagesLink } from '../components/UnreadMessagesLink';
import { useSession } from '../auth/useSession';
import { SignOutDocument } from '../gql/graphql';
import { LOCALES, useI18n, type Locale } from '../i18n/i18n';
import { useCart } from '../pages/designer/cart';
import { navigationFor } from './routes';

export function AppShell() {
  const session = useSession();
  const { t } = useI18n();
  const cart = useCart();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [signOut] = useMutation(SignOutDocument);
  const leave = async () => {
    await signOut().catch(() => undefined); // the session ends locally whatever the server says
    setSession(null);
    await client.clearStore();
    navigate('/sign-in');
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="topbar">
        <NavLink to="/" className="brand">{t('common.appName')}</NavLink>
        {session && (
          <nav aria-label={t('common.mainNavigation')} className="nav">
            {navigationFor(session.role).map((item) => (
              <NavLink key={item.to} to={item.to}>{t(item.label, { count: cart.length })}</NavLink>
            ))}
          </nav>
        )}
        <div className="topbar-end">
          <LanguagePicker />
          {session && <UnreadMessagesLink role={session.role} />}
          {session && (
            <>
              <span className="who" title={session.user.email}>
                {t('common.signedInAs', { name: session.user.displayName, org: session.organization.name })} · {t(`common.roles.${session.role}`)}
              </span>
              <button type="button" className="link-button" onClick={leave}>{t('common.signOut')}</button>
            </>
          )}
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

export function LanguagePicker() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t('common.language')}</span>
      <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)} aria-label={t('common.language')}>
        {Object.entries(LOCALES).map(([code, { name }]) => (
          <option key={code} value={code}>{name}</option>
        ))}
      </select>
    </label>
  );
}

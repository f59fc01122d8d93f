import type { ReactNode } from 'react';
import { LanguagePicker } from '../../app/AppShell';
import { useI18n } from '../../i18n/i18n';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <div className="auth-head">
          <p className="brand">{t('common.appName')}</p>
          <LanguagePicker />
        </div>
        <p className="muted">{t('common.tagline')}</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

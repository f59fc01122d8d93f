import type { ReactNode } from 'react';
import { describeError } from '../api/errors';
import { hasMessage, useI18n, type Key } from '../i18n/i18n';

export function Loading() {
  const { t } = useI18n();
  return <p className="muted" role="status" aria-live="polite">{t('common.loading')}</p>;
}

export function ErrorMessage({ error, children }: { error?: unknown; children?: ReactNode }) {
  const { t } = useI18n();
  if (!error && !children) return null;
  return <p className="error" role="alert">{children ?? describeError(t, error)}</p>;
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="muted empty">{children ?? t('common.empty')}</p>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  // statuses come from the API's enums; one the catalogue does not know yet is shown as sent
  const key = `common.status.${status}`;
  const label = hasMessage(key) ? t(key as Key) : status;
  return <span className={`badge badge-${status}`}>{label}</span>;
}

import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { UnreadMessagesDocument, type Role } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';

/** Top bar: how many messages wait across your threads, linking to where they are (designer: orders; factory: production). */
export function UnreadMessagesLink({ role }: { role: Role }) {
  const { t } = useI18n();
  const target = role === 'designer' ? '/designer/orders' : role === 'factory_admin' || role === 'factory_member' ? '/factory/production' : null;
  const { data } = useQuery(UnreadMessagesDocument, { pollInterval: 30_000, skip: !target });
  const count = data?.unreadMessageCount ?? 0;
  if (!target || count === 0) return null;
  return (
    <Link to={target} className="unread-link" data-testid="unread-messages">
      {t('collaboration.thread.unreadTotal', { count })}
    </Link>
  );
}

import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { OrdersDocument, UnreadMessagesDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

export const shortId = (id: string) => id.slice(0, 8).toUpperCase();

export function OrdersPage() {
  const { t, money, date } = useI18n();
  const { data, loading, error } = useQuery(OrdersDocument, { variables: { first: 50 } });
  const orders = data?.orders.edges.map((edge) => edge.node) ?? [];
  const threads = useQuery(UnreadMessagesDocument, { pollInterval: 30_000 }).data?.messageThreads ?? [];
  const unreadOf = (order: (typeof orders)[number]) => {
    const lines = new Set(order.lines.map((line) => line.jobLine?.id).filter(Boolean));
    return threads.filter((thread) => lines.has(thread.jobLineId)).reduce((sum, thread) => sum + thread.unreadCount, 0);
  };
  return (
    <section>
      <h1>{t('designer.orders.title')}</h1>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && orders.length === 0 && <Empty>{t('designer.orders.empty')}</Empty>}
      {orders.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="orders-table">
            <thead>
              <tr>
                <th scope="col">{t('designer.orders.colOrder')}</th>
                <th scope="col">{t('designer.orders.colDate')}</th>
                <th scope="col">{t('designer.orders.colStatus')}</th>
                <th scope="col" className="num">{t('designer.orders.colLines')}</th>
                <th scope="col" className="num">{t('designer.orders.colTotal')}</th>
                <th scope="col">{t('evidence.production.messages')}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td><Link to={`/designer/orders/${order.id}`} aria-label={t('designer.orders.open', { id: shortId(order.id) })}>{shortId(order.id)}</Link></td>
                  <td>{date(order.createdAt, true)}</td>
                  <td><StatusBadge status={order.status} /></td>
                  <td className="num">{order.lines.length}</td>
                  <td className="num">{money(order.totalMinor, order.currency)}</td>
                  <td>{unreadOf(order) > 0 ? <strong>{t('collaboration.thread.unread', { count: unreadOf(order) })}</strong> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

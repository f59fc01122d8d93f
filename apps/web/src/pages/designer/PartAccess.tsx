import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { PartAccessDocument, type PartAccessQuery } from '../../gql/graphql';
import { hasMessage, useI18n, type Key } from '../../i18n/i18n';
import { shortId } from './OrdersPage';

const PAGE = 20;

type Entry = PartAccessQuery['partAccessLog']['edges'][number]['node'];

interface AccessDetails {
  previewLevel?: string;
  what?: string;
  via?: string;
  factoryOrganizationId?: string;
}

/** One access-log entry in words: who (your organisation, or a role and an organisation id), what, at which level. */
export function describeAccess(entry: Entry, ownOrganizationId: string | undefined) {
  let details: AccessDetails = {};
  try {
    details = JSON.parse(entry.details) as AccessDetails;
  } catch {
    // an entry whose details are not JSON still says who and when
  }
  // a signed-link download carries no session: the link names the factory
  const organizationId = entry.actorOrganizationId ?? details.factoryOrganizationId ?? null;
  const role = entry.actorRole ?? (details.via === 'signed_link' ? 'factory_member' : null);
  return {
    own: !!organizationId && organizationId === ownOrganizationId,
    organizationId,
    role,
    what: details.what === 'preview' ? 'preview' : 'file',
    level: details.previewLevel ?? null,
    signedLink: details.via === 'signed_link',
  } as const;
}

/** The part page's IP panel: what each order of this part lets factories see before award, and who has looked. */
export function PartAccess({ partId }: { partId: string }) {
  const { t, date } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(PartAccessDocument, { variables: { partId, first: PAGE }, notifyOnNetworkStatusChange: true });
  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!data) return null;
  const own = data.me.organization.id;
  const lines = data.orders.edges.flatMap(({ node: order }) => order.lines.filter((line) => line.partId === partId).map((line) => ({ order, line })));
  const entries = data.partAccessLog.edges.map((edge) => edge.node);
  const level = (value: string | null) => (value && hasMessage(`designer.cart.previewLevels.${value}`) ? t(`designer.cart.previewLevels.${value}` as Key) : (value ?? '—'));
  const more = () =>
    fetchMore({
      variables: { after: data.partAccessLog.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...previous,
        partAccessLog: { ...fetchMoreResult.partAccessLog, edges: [...previous.partAccessLog.edges, ...fetchMoreResult.partAccessLog.edges] },
      }),
    });
  return (
    <>
      <section className="panel" aria-labelledby="shared-heading" data-testid="preview-shared">
        <h2 id="shared-heading">{t('collaboration.access.sharedTitle')}</h2>
        <p className="muted small">{t('collaboration.access.sharedIntro')}</p>
        {lines.length === 0 ? (
          <p className="muted">{t('collaboration.access.noOrders')}</p>
        ) : (
          <ul>
            {lines.map(({ order, line }) => (
              <li key={line.id}>
                <Link to={`/designer/orders/${order.id}`}>{t('collaboration.access.sharedLine', { order: shortId(order.id), line: line.lineNumber, level: level(line.jobLine?.previewLevel ?? order.previewLevelBeforeAward) })}</Link>
                {line.jobLine && <> <StatusBadge status={line.jobLine.status} /></>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="access-heading">
        <h2 id="access-heading">{t('collaboration.access.title')}</h2>
        <p className="muted small">{t('collaboration.access.intro')}</p>
        {entries.length === 0 ? (
          <Empty>{t('collaboration.access.empty')}</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="access-log">
              <thead>
                <tr>
                  <th scope="col">{t('collaboration.access.colWhen')}</th>
                  <th scope="col">{t('collaboration.access.colWho')}</th>
                  <th scope="col">{t('collaboration.access.colWhat')}</th>
                  <th scope="col">{t('collaboration.access.colLevel')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => {
                  const access = describeAccess(entry, own);
                  const role = access.role && hasMessage(`common.roles.${access.role}`) ? t(`common.roles.${access.role}` as Key) : (access.role ?? '');
                  return (
                    <tr key={entry.id}>
                      <td><time dateTime={entry.createdAt}>{date(entry.createdAt, true)}</time></td>
                      <td>
                        {access.own ? t('collaboration.access.you') : role}
                        {!access.own && access.organizationId && <span className="muted"> · {t('collaboration.access.organisation', { id: shortId(access.organizationId) })}</span>}
                      </td>
                      <td>
                        {t(`collaboration.access.what.${access.what}`)}
                        {access.signedLink && <span className="muted"> ({t('collaboration.access.viaLink')})</span>}
                      </td>
                      <td>{access.what === 'file' ? t('collaboration.access.originalFile') : level(access.level)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {data.partAccessLog.pageInfo.hasNextPage && (
          <p><button type="button" disabled={loading} onClick={() => void more()}>{t('collaboration.access.more')}</button></p>
        )}
      </section>
    </>
  );
}

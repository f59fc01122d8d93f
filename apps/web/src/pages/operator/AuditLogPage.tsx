import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorMessage, Loading } from '../../components/Feedback';
import { AuditLogDocument, type AuditLogQueryVariables } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

const FILTERS = ['action', 'subjectType', 'subjectId', 'actorUserId', 'subjectOrganizationId'] as const;
type Filter = (typeof FILTERS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form's filters → the query's variables: blanks dropped, ids that cannot be ids refused. */
export function auditFilters(values: Partial<Record<Filter, string>>): { variables: Partial<AuditLogQueryVariables>; invalid: Filter[] } {
  const variables: Partial<AuditLogQueryVariables> = {};
  const invalid: Filter[] = [];
  for (const filter of FILTERS) {
    const value = values[filter]?.trim();
    if (!value) continue;
    if ((filter === 'actorUserId' || filter === 'subjectOrganizationId') && !UUID.test(value)) invalid.push(filter);
    else variables[filter] = value;
  }
  return { variables, invalid };
}

/** Pretty JSON of an entry's details, or the text as sent when it is not JSON. */
export function prettyDetails(details: string): string {
  try {
    const parsed: unknown = JSON.parse(details);
    if (parsed && typeof parsed === 'object' && Object.keys(parsed).length === 0) return '';
    return JSON.stringify(parsed, null, 2);
  } catch {
    return details;
  }
}

export function AuditLogPage() {
  const { t, date } = useI18n();
  const [filters, setFilters] = useState<Partial<AuditLogQueryVariables>>({});
  const [invalid, setInvalid] = useState<Filter[]>([]);
  const { data, loading, error, fetchMore } = useQuery(AuditLogDocument, { variables: { first: 50, ...filters }, fetchPolicy: 'cache-and-network' });
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = auditFilters(Object.fromEntries(FILTERS.map((filter) => [filter, String(form.get(filter) ?? '')])));
    setInvalid(result.invalid);
    if (result.invalid.length === 0) setFilters(result.variables);
  };
  const entries = data?.auditLog.edges.map((edge) => edge.node) ?? [];
  const cursor = data?.auditLog.pageInfo.hasNextPage ? data.auditLog.pageInfo.endCursor : null;
  return (
    <section>
      <h1>{t('operatorConsole.audit.title')}</h1>
      <p className="muted">{t('operatorConsole.audit.intro')}</p>
      <form className="form-grid panel" onSubmit={search} role="search" aria-label={t('operatorConsole.audit.searchLabel')}>
        {FILTERS.map((filter) => (
          <label key={filter}>
            {t(`operatorConsole.audit.filters.${filter}`)}
            <input name={filter} defaultValue={filters[filter] ?? ''} aria-invalid={invalid.includes(filter)} placeholder={t(`operatorConsole.audit.placeholders.${filter}`)} />
          </label>
        ))}
        <div className="actions">
          <button type="submit" className="primary">{t('operatorConsole.audit.search')}</button>
          <button type="reset" onClick={() => { setFilters({}); setInvalid([]); }}>{t('operatorConsole.audit.clear')}</button>
        </div>
      </form>
      {invalid.length > 0 && <ErrorMessage>{t('operatorConsole.audit.invalidId', { fields: invalid.map((filter) => t(`operatorConsole.audit.filters.${filter}`)).join(', ') })}</ErrorMessage>}
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && <p className="muted">{t('operatorConsole.audit.count', { count: data.auditLog.totalCount })}</p>}
      {data && entries.length === 0 && <Empty>{t('operatorConsole.audit.empty')}</Empty>}
      {entries.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t('operatorConsole.audit.when')}</th>
                <th scope="col">{t('operatorConsole.audit.action')}</th>
                <th scope="col">{t('operatorConsole.audit.actor')}</th>
                <th scope="col">{t('operatorConsole.audit.subject')}</th>
                <th scope="col">{t('operatorConsole.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const details = prettyDetails(entry.details);
                return (
                  <tr key={entry.id}>
                    <td>{date(entry.createdAt, true)}</td>
                    <td className="mono">{entry.action}</td>
                    <td>
                      {entry.actorUserId ? (
                        <button type="button" className="link-button mono" title={t('operatorConsole.audit.byThisActor')} onClick={() => setFilters({ actorUserId: entry.actorUserId! })}>
                          {entry.actorRole ?? ''} {entry.actorUserId.slice(0, 8)}
                        </button>
                      ) : (
                        t('operatorConsole.audit.system')
                      )}
                    </td>
                    <td>
                      <button type="button" className="link-button mono" title={t('operatorConsole.audit.aboutThisSubject')} onClick={() => setFilters({ subjectType: entry.subjectType, subjectId: entry.subjectId })}>
                        {entry.subjectType} {entry.subjectId.slice(0, 8)}
                      </button>
                    </td>
                    <td>
                      {details ? (
                        <details>
                          <summary>{t('operatorConsole.audit.show')}</summary>
                          <pre className="mono">{details}</pre>
                        </details>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" onClick={() => void fetchMore({ variables: { after: cursor }, updateQuery: (previous, { fetchMoreResult }) => ({ auditLog: { ...fetchMoreResult.auditLog, edges: [...previous.auditLog.edges, ...fetchMoreResult.auditLog.edges] } }) })}>
          {t('operatorConsole.common.more')}
        </button>
      )}
    </section>
  );
}

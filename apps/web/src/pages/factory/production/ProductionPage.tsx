import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { FactoryProductionJobsDocument } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';

/** The factory's awarded job lines: planned ones from the schedule, and any with a conversation (shipped ones too). */
export function ProductionPage() {
  const { t, date } = useI18n();
  const { data, loading, error } = useQuery(FactoryProductionJobsDocument, { fetchPolicy: 'cache-and-network', pollInterval: 30_000 });
  const planned = data?.factorySchedule.jobs ?? [];
  const threads = (data?.messageThreads ?? []).filter((thread) => thread.kind === 'job_line');
  const ids = [...new Set([...planned.map((job) => job.jobLineId), ...threads.map((thread) => thread.jobLineId)])];
  return (
    <section>
      <h1>{t('evidence.production.title')}</h1>
      <p className="muted">{t('evidence.production.intro')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && ids.length === 0 && <Empty>{t('evidence.production.empty')}</Empty>}
      {ids.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="production-jobs">
            <thead>
              <tr>
                <th scope="col">{t('evidence.production.job')}</th>
                <th scope="col">{t('evidence.production.due')}</th>
                <th scope="col">{t('evidence.production.promised')}</th>
                <th scope="col">{t('evidence.production.messages')}</th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => {
                const job = planned.find((candidate) => candidate.jobLineId === id);
                const thread = threads.find((candidate) => candidate.jobLineId === id);
                return (
                  <tr key={id}>
                    <td>
                      <Link to={`/factory/production/${id}`}>{job ? `${job.process} × ${job.quantity}` : t('evidence.production.jobId', { id: id.slice(0, 8) })}</Link>
                      {job?.atRisk && <strong className="error"> · {t('factoryWorkspace.schedule.atRiskShort')}</strong>}
                    </td>
                    <td>{job ? date(job.dueDate) : '—'}</td>
                    <td>{job ? date(job.promisedShipDate) : '—'}</td>
                    <td>{thread && thread.unreadCount > 0 ? t('evidence.production.unread', { count: thread.unreadCount }) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

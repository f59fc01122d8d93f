import { useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useLiveEvents } from '../../api/live-events';
import { Empty, ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { CatalogDocument, JobBoardDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { PayoutSetup } from './PayoutSetup';

export function JobBoardPage() {
  const { t, money, date, number } = useI18n();
  const [process, setProcess] = useState('');
  const [offeredOnly, setOfferedOnly] = useState(false);
  const catalog = useQuery(CatalogDocument);
  const { data, loading, error, refetch } = useQuery(JobBoardDocument, { variables: { first: 50, process: process || undefined, offeredOnly: offeredOnly || undefined } });
  const refresh = useCallback(() => void refetch(), [refetch]);
  useLiveEvents(refresh, { types: ['sourcing.offer', 'sourcing.awarded'], onPoll: refresh, fallbackPollMs: 10_000 });
  const offers = new Map((data?.myOffers ?? []).filter((offer) => offer.status === 'open').map((offer) => [offer.jobLineId, offer]));
  const processes = (catalog.data?.catalogItems ?? []).filter((item) => item.kind === 'process' && item.active);
  const processName = (code: string) => processes.find((item) => item.code === code)?.name ?? code;
  const jobs = data?.jobBoard.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <h1>{t('factory.board.title')}</h1>
      <p className="muted">{t('factory.board.intro')}</p>
      <PayoutSetup />
      <div className="inline-form" role="group" aria-label={t('factory.board.title')}>
        <label>
          {t('factory.board.process')}
          <select value={process} onChange={(event) => setProcess(event.target.value)}>
            <option value="">{t('factory.board.anyProcess')}</option>
            {processes.map((item) => (
              <option key={item.code} value={item.code}>{item.name}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={offeredOnly} onChange={(event) => setOfferedOnly(event.target.checked)} /> {t('factory.board.offeredOnly')}
        </label>
        {data && <span className="muted">{t('factory.board.count', { count: data.jobBoard.totalCount })}</span>}
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && jobs.length === 0 && <Empty>{t('factory.board.empty')}</Empty>}
      {jobs.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="job-board">
            <thead>
              <tr>
                <th scope="col">{t('factory.board.colJob')}</th>
                <th scope="col" className="num">{t('factory.board.colQuantity')}</th>
                <th scope="col">{t('factory.board.colDue')}</th>
                <th scope="col" className="num">{t('factory.board.colPayout')}</th>
                <th scope="col">{t('factory.board.colStatus')}</th>
                <th scope="col">{t('factory.board.colOffer')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => {
                const offer = offers.get(job.id);
                return (
                  <tr key={job.id}>
                    <td>
                      <Link to={`/factory/jobs/${job.id}`} aria-label={t('factory.board.open', { process: processName(job.process), quantity: job.quantity })}>
                        {processName(job.process)} · {job.material}
                      </Link>
                    </td>
                    <td className="num">{number(job.quantity, 0)}</td>
                    <td>{date(job.dueDate)}</td>
                    <td className="num">{money(job.payoutMinor, job.currency)}</td>
                    <td><StatusBadge status={job.status} /></td>
                    <td>{offer ? t('factory.board.offerOpen', { date: date(offer.expiresAt, true) }) : '—'}</td>
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

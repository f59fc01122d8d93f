import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../api/errors';
import { Empty, ErrorMessage, Loading } from '../../components/Feedback';
import { FactoryStatusBadge } from '../../components/NetworkLabels';
import {
  ApproveFactoryDocument,
  ModerationCountsDocument,
  ReinstateFactoryDocument,
  RejectFactoryDocument,
  SetFactoryProbationDocument,
  StartFactoryReviewDocument,
  SuspendFactoryDocument,
  VettingQueueDocument,
  type FactoryStatus,
  type VettingFactoryFieldsFragment,
} from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

const VIEWS = {
  queue: ['applied', 'under_review'],
  approved: ['approved'],
  suspended: ['suspended'],
  rejected: ['rejected'],
} satisfies Record<string, FactoryStatus[]>;
type View = keyof typeof VIEWS;

/** Operators vet factories: take applications into review, approve or reject, suspend or reinstate, set probation. */
export function VettingPage() {
  const { t } = useI18n();
  const [view, setView] = useState<View>('queue');
  const counts = useQuery(ModerationCountsDocument, { fetchPolicy: 'cache-and-network' });
  const { data, loading, error, fetchMore } = useQuery(VettingQueueDocument, { variables: { statuses: VIEWS[view] }, fetchPolicy: 'cache-and-network' });
  const factories = data?.factories.edges.map((edge) => edge.node) ?? [];
  const more = data?.factories.pageInfo.hasNextPage ? data.factories.pageInfo.endCursor : null;
  return (
    <section>
      <h1>{t('operatorConsole.vetting.title')}</h1>
      <p className="muted">{t('operatorConsole.vetting.intro')}</p>
      {counts.data && (
        <p>
          {t('operatorConsole.vetting.counts', {
            factories: counts.data.moderationCounts.factoriesAwaitingReview,
            certificates: counts.data.moderationCounts.certificatesAwaitingReview,
            appeals: counts.data.moderationCounts.openScoreAppeals,
          })}
        </p>
      )}
      <div className="inline-form" role="radiogroup" aria-label={t('operatorConsole.vetting.show')}>
        {(Object.keys(VIEWS) as View[]).map((candidate) => (
          <label key={candidate} className="inline">
            <input type="radio" name="view" checked={view === candidate} onChange={() => setView(candidate)} /> {t(`operatorConsole.vetting.views.${candidate}`)}
          </label>
        ))}
        {data && <span className="muted">{t('operatorConsole.vetting.total', { count: data.factories.totalCount })}</span>}
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && factories.length === 0 && <Empty>{t(view === 'queue' ? 'operatorConsole.vetting.emptyQueue' : 'operatorConsole.vetting.empty')}</Empty>}
      <ul className="cards" data-testid="vetting-list">
        {factories.map((factory) => <FactoryCard key={factory.id} factory={factory} />)}
      </ul>
      {more && (
        <button type="button" onClick={() => void fetchMore({ variables: { after: more }, updateQuery: (previous, { fetchMoreResult }) => ({ factories: { ...fetchMoreResult.factories, edges: [...previous.factories.edges, ...fetchMoreResult.factories.edges] } }) })}>
          {t('operatorConsole.common.more')}
        </button>
      )}
    </section>
  );
}

type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

function FactoryCard({ factory }: { factory: VettingFactoryFieldsFragment }) {
  const { t, date, money, number } = useI18n();
  const refetchQueries = [VettingQueueDocument, ModerationCountsDocument];
  const [startReview, starting] = useMutation(StartFactoryReviewDocument, { refetchQueries });
  const [approve] = useMutation(ApproveFactoryDocument, { refetchQueries });
  const [reject] = useMutation(RejectFactoryDocument, { refetchQueries });
  const [suspend] = useMutation(SuspendFactoryDocument, { refetchQueries });
  const [reinstate] = useMutation(ReinstateFactoryDocument, { refetchQueries });
  const [probation] = useMutation(SetFactoryProbationDocument, { refetchQueries });
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await action();
      if (result && typeof result === 'object' && isErrorResult(result as { __typename?: string })) return setFailure(describeErrorResult(t, result as never));
      setDeciding(null);
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };
  const decide = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('text') ?? '').trim();
    const needsReason = deciding === 'reject' || deciding === 'suspend';
    if (needsReason && !text) return setFailure(t('operatorConsole.vetting.reasonNeeded'));
    const factoryId = factory.id;
    void run(async () => {
      switch (deciding) {
        case 'approve':
          return (await approve({ variables: { factoryId, note: text || null } })).data?.approveFactory;
        case 'reject':
          return (await reject({ variables: { factoryId, reason: text } })).data?.rejectFactory;
        case 'suspend':
          return (await suspend({ variables: { factoryId, reason: text } })).data?.suspendFactory;
        case 'reinstate':
          return (await reinstate({ variables: { factoryId, note: text || null } })).data?.reinstateFactory;
      }
    });
  };
  const toggleProbation = () =>
    void run(async () => {
      const { probation: current } = factory;
      return (await probation({ variables: { factoryId: factory.id, input: { onProbation: !current.onProbation, jobsRequired: current.jobsRequired, maxJobValueMinor: current.maxJobValueMinor, maxOpenJobs: current.maxOpenJobs, currency: current.currency } } })).data?.setFactoryProbation;
    });
  const verified = factory.certificates.filter((certificate) => certificate.status === 'verified').length;
  return (
    <li className="card" aria-labelledby={`factory-${factory.id}`}>
      <div className="card-head">
        <strong id={`factory-${factory.id}`}>{factory.legalName}</strong>
        <FactoryStatusBadge status={factory.status} />
      </div>
      <p className="muted">{t('operatorConsole.vetting.line', { country: factory.country, date: date(factory.appliedAt) })}</p>
      <p>{t('operatorConsole.vetting.capabilities', { processes: factory.processes.join(', '), materials: factory.materials.length })}</p>
      <p>{t('operatorConsole.vetting.machines', { count: factory.machines.reduce((sum, machine) => sum + machine.count, 0) })} · {t('operatorConsole.vetting.certificates', { verified, total: factory.certificates.length })}</p>
      {factory.status === 'approved' && (
        <p>
          {t('operatorConsole.vetting.score', { score: number(factory.scorecard.score, 1) })} ·{' '}
          {factory.probation.onProbation ? t('operatorConsole.vetting.onProbation', { value: money(factory.probation.maxJobValueMinor, factory.probation.currency), open: factory.probation.maxOpenJobs }) : t('operatorConsole.vetting.noProbation')}
        </p>
      )}
      {factory.statusReason && <p className="muted">{t('operatorConsole.vetting.reasonShown', { reason: factory.statusReason })}</p>}
      {factory.machines.length === 0 && factory.status !== 'approved' && <p className="error">{t('operatorConsole.vetting.noMachines')}</p>}
      <div className="actions">
        {factory.status === 'applied' && (
          <button type="button" disabled={starting.loading || busy} onClick={() => void run(() => startReview({ variables: { factoryId: factory.id } }))}>
            {t('operatorConsole.vetting.startReview')}
          </button>
        )}
        {factory.status === 'under_review' && (
          <>
            <button type="button" className="primary" onClick={() => setDeciding('approve')}>{t('operatorConsole.vetting.approve')}</button>
            <button type="button" className="danger" onClick={() => setDeciding('reject')}>{t('operatorConsole.vetting.reject')}</button>
          </>
        )}
        {factory.status === 'approved' && (
          <>
            <button type="button" disabled={busy} onClick={toggleProbation}>{factory.probation.onProbation ? t('operatorConsole.vetting.endProbation') : t('operatorConsole.vetting.startProbation')}</button>
            <button type="button" className="danger" onClick={() => setDeciding('suspend')}>{t('operatorConsole.vetting.suspend')}</button>
          </>
        )}
        {factory.status === 'suspended' && <button type="button" onClick={() => setDeciding('reinstate')}>{t('operatorConsole.vetting.reinstate')}</button>}
      </div>
      {deciding && (
        <form className="form" onSubmit={decide}>
          <label>
            {t(deciding === 'reject' || deciding === 'suspend' ? 'operatorConsole.vetting.reasonLabel' : 'operatorConsole.vetting.noteLabel')}
            <textarea name="text" rows={2} maxLength={2000} autoFocus />
          </label>
          {deciding === 'suspend' && <p className="muted">{t('operatorConsole.vetting.suspendWarning')}</p>}
          <div className="actions">
            <button type="submit" className={deciding === 'reject' || deciding === 'suspend' ? 'danger' : 'primary'} disabled={busy}>
              {t(`operatorConsole.vetting.confirm.${deciding}`)}
            </button>
            <button type="button" onClick={() => setDeciding(null)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      <ErrorMessage>{failure}</ErrorMessage>
    </li>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { graphqlErrorCode } from '../../../api/errors';
import { useResultAction } from '../../../api/result-action';
import { ErrorMessage, Loading, StatusBadge } from '../../../components/Feedback';
import { MessageThread } from '../../../components/MessageThread';
import { AcceptCounterofferDocument, ChooseAwardModeDocument, DesignerSourcingJobDocument, PickBidDocument, RejectCounterofferDocument, type AwardMode, type DesignerSourcingJobQuery } from '../../../gql/graphql';
import { useI18n, type Key } from '../../../i18n/i18n';
import { AWARD_MODES, checkAwardMode, type AwardModeProblem } from './awardMode';

type Job = DesignerSourcingJobQuery['sourcingJob'];

/** A line still looking for a factory: how it is sourced, counteroffers and sealed bids to decide, the factories' questions. */
export function LineSourcing({ jobLineId, onAwarded }: { jobLineId: string; onAwarded: () => void }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(DesignerSourcingJobDocument, { variables: { jobLineId }, pollInterval: 15_000 });
  if (loading && !data) return <Loading />;
  // the sourcing sweep opens the job within a minute of payment; until then there is nothing to show
  if (error && graphqlErrorCode(error) === 'NOT_FOUND') return <p className="muted">{t('collaboration.sourcing.notOpenYet')}</p>;
  if (error) return <ErrorMessage error={error} />;
  if (!data) return null;
  const job = data.sourcingJob;
  const changed = async () => {
    await refetch();
    onAwarded();
  };
  return (
    <section aria-label={t('collaboration.sourcing.title')} data-testid="line-sourcing" data-mode={job.mode}>
      <p className="muted">
        {t(`collaboration.sourcing.mode.${job.mode}` as Key)} · <StatusBadge status={job.status} />
      </p>
      {job.status === 'stalled' && job.stalledReason && <p className="error">{t('collaboration.sourcing.stalled', { reason: job.stalledReason })}</p>}
      {(job.status === 'open' || job.status === 'stalled') && !job.biddingClosedAt && job.bids.length === 0 && <AwardModeForm job={job} onChange={changed} />}
      <Counteroffers job={job} onChange={changed} />
      {job.mode === 'sealed_bid' && <Bids job={job} onChange={changed} />}
      {(job.status === 'open' || job.status === 'stalled') && <MessageThread jobLineId={jobLineId} kind="qa" canAnswer collapsible />}
    </section>
  );
}

/** Offer cascade, sealed-bid RFQ (with its deadline) or batch; an RFQ with bids or already closed keeps its mode. */
function AwardModeForm({ job, onChange }: { job: Job; onChange: () => Promise<void> }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<AwardMode>(job.mode);
  const [closes, setCloses] = useState('');
  const [problem, setProblem] = useState<AwardModeProblem | null>(null);
  const [choose, { loading }] = useMutation(ChooseAwardModeDocument);
  const { run, problem: failure } = useResultAction(onChange);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkAwardMode(mode, closes);
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    void run(async () => (await choose({ variables: { input: { jobLineId: job.id, ...checked.input } } })).data?.chooseAwardMode);
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={t('collaboration.sourcing.chooseMode')} data-testid="award-mode-form">
      <label>
        {t('collaboration.sourcing.modeLabel')}
        <select value={mode} onChange={(event) => setMode(event.target.value as AwardMode)}>
          {AWARD_MODES.map((value) => <option key={value} value={value}>{t(`collaboration.sourcing.mode.${value}`)}</option>)}
        </select>
      </label>
      {mode === 'sealed_bid' && (
        <label>
          {t('collaboration.sourcing.closesAt')}
          <input id={`${id}-closes`} type="datetime-local" step={1} value={closes} aria-invalid={!!problem || undefined} onChange={(event) => setCloses(event.target.value)} />
        </label>
      )}
      <button type="submit" disabled={loading || (mode === job.mode && mode !== 'sealed_bid')}>{t('collaboration.sourcing.chooseMode')}</button>
      <ErrorMessage>{problem ? t(`collaboration.sourcing.problems.${problem}`) : failure}</ErrorMessage>
    </form>
  );
}

function Counteroffers({ job, onChange }: { job: Job; onChange: () => Promise<void> }) {
  const { t, money, date } = useI18n();
  const [accept, accepting] = useMutation(AcceptCounterofferDocument);
  const [reject, rejecting] = useMutation(RejectCounterofferDocument);
  const { run, problem } = useResultAction(onChange);
  const countered = job.offers.filter((offer) => offer.status === 'countered');
  if (countered.length === 0) return null;
  const busy = accepting.loading || rejecting.loading;
  return (
    <>
      {countered.map((offer) => (
        <div key={offer.id} className="panel" data-testid="counteroffer">
          <h4>{t('collaboration.sourcing.counterTitle')}</h4>
          <p>
            {t('collaboration.sourcing.counterTerms', {
              price: money(offer.counterPriceMinor ?? offer.priceMinor, offer.currency),
              offered: money(offer.priceMinor, offer.currency),
              shipBy: date(offer.counterShipBy ?? offer.shipBy),
              asked: date(offer.shipBy),
            })}
          </p>
          {offer.counterNote && <p>{t('collaboration.sourcing.counterNote', { note: offer.counterNote })}</p>}
          <p className="muted small">{t('collaboration.sourcing.counterDecideBy', { date: date(offer.expiresAt, true) })}</p>
          <div className="inline-form">
            <button type="button" className="primary" disabled={busy} onClick={() => void run(async () => (await accept({ variables: { offerId: offer.id } })).data?.acceptCounteroffer)}>
              {t('collaboration.sourcing.acceptCounter')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void run(async () => (await reject({ variables: { offerId: offer.id } })).data?.rejectCounteroffer)}>
              {t('collaboration.sourcing.rejectCounter')}
            </button>
          </div>
        </div>
      ))}
      <ErrorMessage>{problem}</ErrorMessage>
    </>
  );
}

function Bids({ job, onChange }: { job: Job; onChange: () => Promise<void> }) {
  const { t, money, date } = useI18n();
  const [pick, picking] = useMutation(PickBidDocument);
  const { run, problem } = useResultAction(onChange);
  if (!job.biddingClosedAt) return <p>{t('collaboration.sourcing.bidsOpen', { date: date(job.bidDeadline, true) })}</p>;
  const bids = [...job.bids].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const pickable = job.status === 'open' || job.status === 'stalled';
  return (
    <div data-testid="bids">
      <h4>{t('collaboration.sourcing.bidsTitle')}</h4>
      {bids.length === 0 ? (
        <p className="muted">{t('collaboration.sourcing.noBids')}</p>
      ) : (
        <>
          {pickable && job.pickDeadline && <p>{t('collaboration.sourcing.bidsPick', { date: date(job.pickDeadline, true) })}</p>}
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('collaboration.sourcing.colRank')}</th>
                  <th scope="col">{t('collaboration.sourcing.colPrice')}</th>
                  <th scope="col">{t('collaboration.sourcing.colLead')}</th>
                  <th scope="col">{t('collaboration.sourcing.colNote')}</th>
                  <th scope="col">{t('collaboration.sourcing.colStatus')}</th>
                  <th scope="col"><span className="visually-hidden">{t('collaboration.sourcing.colAction')}</span></th>
                </tr>
              </thead>
              <tbody>
                {bids.map((bid, index) => {
                  const rank = bid.rank ?? index + 1;
                  return (
                    <tr key={bid.id}>
                      <td>{rank}</td>
                      <td>{money(bid.priceMinor, bid.currency)}</td>
                      <td>{t('collaboration.sourcing.leadDays', { days: bid.leadTimeDays })}</td>
                      <td>{bid.note ?? '—'}</td>
                      <td>{t(`collaboration.bid.status.${bid.status}` as Key)}</td>
                      <td>
                        {pickable && bid.status === 'active' && (
                          <button type="button" disabled={picking.loading} onClick={() => void run(async () => (await pick({ variables: { bidId: bid.id } })).data?.pickBid)}>
                            {t('collaboration.sourcing.pick', { rank })}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ErrorMessage>{problem}</ErrorMessage>
    </div>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import '../../app/collaboration.css';
import { useResultAction } from '../../api/result-action';
import { ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { MessageThread } from '../../components/MessageThread';
import {
  AcceptOfferDocument,
  DeclineOfferDocument,
  FactoryJobDocument,
  FactoryJobProgressDocument,
  MarkDeliveredDocument,
  PostMilestoneDocument,
  ShipJobLineDocument,
  type FactoryJobProgressQuery,
  type MilestoneKind,
} from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { BidPanel } from './job/BidPanel';
import { CounterOfferForm } from './job/CounterOfferForm';
import { NdaDownload } from './job/NdaDownload';

export const MILESTONES: MilestoneKind[] = ['material_received', 'in_production', 'quality_check', 'packed'];

/** The next milestone to post: the first of the production order not posted yet. */
export function nextMilestone(posted: readonly MilestoneKind[]): MilestoneKind | undefined {
  return MILESTONES.find((kind) => !posted.includes(kind));
}

export function JobPage() {
  const { jobLineId = '' } = useParams();
  const { t, money, date, number } = useI18n();
  const job = useQuery(FactoryJobDocument, { variables: { jobLineId } });
  const awarded = !!job.data?.sourcingJob.part.awardedToYou;
  const progress = useQuery(FactoryJobProgressDocument, { variables: { jobLineId }, skip: !awarded });
  const refresh = () => Promise.all([job.refetch(), awarded ? progress.refetch() : undefined]);
  const { run: act, problem } = useResultAction(refresh);
  const [acceptOffer, accepting] = useMutation(AcceptOfferDocument);
  const [declineOffer, declining] = useMutation(DeclineOfferDocument);

  if (job.loading && !job.data) return <Loading />;
  if (job.error) return <ErrorMessage error={job.error} />;
  if (!job.data) return null;
  const sourcing = job.data.sourcingJob;
  // a factory sees only its own offers
  const offer = sourcing.offers.find((candidate) => candidate.status === 'open');
  const countered = sourcing.offers.find((candidate) => candidate.status === 'countered');
  const preAward = sourcing.status === 'open' || sourcing.status === 'stalled';
  const decline = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    void act(async () => (await declineOffer({ variables: { offerId: offer!.id, reason: reason || undefined } })).data?.declineOffer);
  };
  const part = sourcing.part;
  return (
    <section>
      <p><Link to="/factory/jobs">← {t('factory.job.backToBoard')}</Link></p>
      <h1>
        {t('factory.job.title', { process: sourcing.process, quantity: sourcing.quantity })} <StatusBadge status={sourcing.status} />
      </h1>
      <div className="part-layout">
        <section className="panel" aria-labelledby="spec-heading">
          <h2 id="spec-heading">{t('factory.job.spec')}</h2>
          <dl className="metrics">
            <dt>{t('factory.job.material')}</dt><dd>{sourcing.material}</dd>
            <dt>{t('factory.job.finish')}</dt><dd>{sourcing.finish ?? t('common.none')}</dd>
            <dt>{t('factory.job.tolerance')}</dt><dd>{sourcing.tolerance ?? t('common.none')}</dd>
            <dt>{t('factory.job.inspection')}</dt><dd>{sourcing.inspectionLevel}</dd>
            <dt>{t('factory.job.due')}</dt><dd>{date(sourcing.dueDate)}</dd>
            <dt>{t('factory.job.payout')}</dt><dd>{money(sourcing.payoutMinor, sourcing.currency)}</dd>
          </dl>
          <p className="muted">{t('factory.job.preview', { level: t(`designer.cart.previewLevels.${part.previewLevel}`) })}</p>
          {part.bbox && <p>{t('designer.part.bboxValue', { x: number(part.bbox.size[0]), y: number(part.bbox.size[1]), z: number(part.bbox.size[2]) })}</p>}
          {part.volumeMm3 != null && (
            <p>{t('factory.job.partMetrics', { volume: number(part.volumeMm3 / 1000, 2), triangles: number(part.triangles ?? 0, 0), watertight: part.watertight ? t('common.yes') : t('common.no') })}</p>
          )}
          {part.findings.length > 0 && (
            <ul className="findings">
              {part.findings.map((finding, i) => <li key={i} className={`finding finding-${finding.severity}`}>{finding.message}</li>)}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="offer-heading">
          <h2 id="offer-heading">{t('factory.job.offer')}</h2>
          {awarded && sourcing.award && <p className="ok" data-testid="awarded">{t('factory.job.awardedToYou', { date: date(sourcing.award.shipBy) })}</p>}
          {!awarded && offer && (
            <>
              <p>{t('factory.job.offerTerms', { price: money(offer.priceMinor, offer.currency), shipBy: date(sourcing.dueDate), expires: date(offer.expiresAt, true) })}</p>
              <p>
                <button type="button" className="primary" disabled={accepting.loading} onClick={() => void act(async () => (await acceptOffer({ variables: { offerId: offer.id } })).data?.acceptOffer)}>
                  {accepting.loading ? t('factory.job.accepting') : t('factory.job.accept')}
                </button>
              </p>
              <form onSubmit={decline} className="inline-form">
                <label>
                  {t('factory.job.declineReason')}
                  <input name="reason" />
                </label>
                <button type="submit" className="danger" disabled={declining.loading}>{t('factory.job.decline')}</button>
              </form>
              <CounterOfferForm offerId={offer.id} currency={offer.currency} onSent={refresh} />
            </>
          )}
          {!awarded && countered && (
            <p data-testid="counteroffer-sent">
              {t('collaboration.offer.sent', {
                price: money(countered.counterPriceMinor ?? countered.priceMinor, countered.currency),
                shipBy: date(countered.counterShipBy ?? countered.shipBy),
                expires: date(countered.expiresAt, true),
              })}
            </p>
          )}
          {!awarded && !offer && !countered && sourcing.mode !== 'sealed_bid' && <p className="muted">{t('factory.job.noOffer')}</p>}
          <ErrorMessage>{problem}</ErrorMessage>
        </section>
      </div>
      {!awarded && preAward && sourcing.mode === 'sealed_bid' && (
        <BidPanel
          key={sourcing.bids[0]?.updatedAt ?? 'none'}
          jobLineId={jobLineId}
          currency={sourcing.currency}
          bidDeadline={sourcing.bidDeadline}
          biddingClosedAt={sourcing.biddingClosedAt}
          bid={sourcing.bids[0]}
          onChange={refresh}
        />
      )}
      {!awarded && preAward && <MessageThread jobLineId={jobLineId} kind="qa" />}
      {awarded && sourcing.award && <NdaDownload jobLineId={jobLineId} award={sourcing.award} onChange={refresh} />}
      {awarded && progress.data && <ProductionPanel jobLineId={jobLineId} progress={progress.data.jobLineProgress} onChange={() => void progress.refetch()} />}
      {awarded && <MessageThread jobLineId={jobLineId} />}
    </section>
  );
}

function ProductionPanel({ jobLineId, progress, onChange }: { jobLineId: string; progress: FactoryJobProgressQuery['jobLineProgress']; onChange: () => void }) {
  const { t, date } = useI18n();
  const [post, posting] = useMutation(PostMilestoneDocument);
  const [ship, shipping] = useMutation(ShipJobLineDocument);
  const [deliver, delivering] = useMutation(MarkDeliveredDocument);
  const { run, problem } = useResultAction(onChange);
  const posted = progress.milestones.map((milestone) => milestone.kind);
  const suggested = nextMilestone(posted);
  const submitMilestone = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get('note') ?? '').trim();
    event.currentTarget.reset();
    void run(async () => (await post({ variables: { jobLineId, kind: String(form.get('kind')) as MilestoneKind, note: note || undefined } })).data?.postMilestone);
  };
  const submitShipment = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => (await ship({ variables: { jobLineId, carrier: String(form.get('carrier')).trim(), trackingNumber: String(form.get('tracking')).trim() } })).data?.shipJobLine);
  };
  const shipped = !!progress.shipment;
  return (
    <section className="panel" aria-labelledby="production-heading" data-testid="production-panel" data-status={progress.status}>
      <h2 id="production-heading">{t('factory.job.progress')} <StatusBadge status={progress.status} /></h2>
      {progress.milestones.length > 0 && (
        <ol className="timeline">
          {progress.milestones.map((milestone) => (
            <li key={milestone.id}>{t(`designer.order.milestone.${milestone.kind}`)} — {date(milestone.createdAt, true)}{milestone.note ? `: ${milestone.note}` : ''}</li>
          ))}
        </ol>
      )}
      {!shipped && (
        <form onSubmit={submitMilestone} className="inline-form" aria-label={t('factory.job.postMilestone')}>
          <label>
            {t('factory.job.milestoneKind')}
            <select name="kind" key={suggested} defaultValue={suggested ?? 'packed'}>
              {MILESTONES.map((kind) => <option key={kind} value={kind}>{t(`designer.order.milestone.${kind}`)}</option>)}
            </select>
          </label>
          <label>
            {t('factory.job.milestoneNote')}
            <input name="note" />
          </label>
          <button type="submit" disabled={posting.loading}>{t('factory.job.postMilestone')}</button>
        </form>
      )}
      {!shipped && (
        <form onSubmit={submitShipment} className="inline-form" aria-label={t('factory.job.ship')}>
          <label>
            {t('factory.job.carrier')}
            <input name="carrier" required autoComplete="off" />
          </label>
          <label>
            {t('factory.job.tracking')}
            <input name="tracking" required autoComplete="off" />
          </label>
          <button type="submit" className="primary" disabled={shipping.loading}>{t('factory.job.shipSubmit')}</button>
        </form>
      )}
      {progress.shipment && <p>{t('factory.job.shipped', { carrier: progress.shipment.carrier, tracking: progress.shipment.trackingNumber })}</p>}
      {progress.status === 'shipped' && (
        <button type="button" className="primary" disabled={delivering.loading} onClick={() => void run(async () => (await deliver({ variables: { jobLineId } })).data?.markDelivered)}>
          {t('factory.job.markDelivered')}
        </button>
      )}
      {progress.status === 'delivered' && <p className="ok" data-testid="delivered">{t('factory.job.delivered')}</p>}
      <ErrorMessage>{problem}</ErrorMessage>
    </section>
  );
}

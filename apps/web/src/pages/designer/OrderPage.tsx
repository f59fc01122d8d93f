import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import '../../app/collaboration.css';
import { useResultAction } from '../../api/result-action';
import { useLiveEvents } from '../../api/live-events';
import { ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { MessageThread } from '../../components/MessageThread';
import { AcceptDeliveryDocument, JobLineTrackingDocument, OpenDisputeDocument, OrderDocument, type OrderQuery } from '../../gql/graphql';
import { hasMessage, useI18n, type Key } from '../../i18n/i18n';
import { LineReview } from './order/LineReview';
import { LineSourcing } from './order/LineSourcing';
import { shortId } from './OrdersPage';
import { PaymentPanel } from './TestCardForm';

type OrderView = OrderQuery['order'];

export function OrderPage() {
  const { orderId = '' } = useParams();
  const { t, money, date } = useI18n();
  const { data, loading, error, refetch } = useQuery(OrderDocument, { variables: { id: orderId } });
  const [awaitingWebhook, setAwaitingWebhook] = useState(false);
  const refresh = useCallback(() => void refetch(), [refetch]);
  useLiveEvents((event) => event.data.id === orderId && refresh(), { types: ['order.status'], onPoll: refresh, fallbackPollMs: 5_000 });
  const order = data?.order;
  const unpaid = order?.status === 'awaiting_payment';
  // after paying, the emulator's webhook marks the order paid within moments; look until it has
  useQuery(OrderDocument, { variables: { id: orderId }, skip: !(awaitingWebhook && unpaid), pollInterval: 1_000, fetchPolicy: 'network-only' });

  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!order) return null;
  const payment = order.payment;
  return (
    <section>
      <p><Link to="/designer/orders">← {t('designer.order.backToOrders')}</Link></p>
      <h1>
        {t('designer.order.title', { id: shortId(order.id) })} <StatusBadge status={order.status} />
      </h1>
      <p className="muted">
        {t('designer.order.placed', { date: date(order.createdAt, true) })} · {t('designer.order.total', { amount: money(order.totalMinor, order.currency) })}
        {' · '}{t('collaboration.access.orderShared', { level: t(`designer.cart.previewLevels.${order.previewLevelBeforeAward}`) })}
      </p>
      <section className="panel" aria-labelledby="payment-heading">
        <h2 id="payment-heading">{t('designer.order.payment')}</h2>
        {unpaid && <PaymentPanel orderId={order.id} amount={money(order.totalMinor, order.currency)} onPaid={() => setAwaitingWebhook(true)} />}
        {payment && payment.status === 'succeeded' && (
          <p data-testid="payment-succeeded">
            {t('designer.order.paid', { date: date(order.paidAt, true), held: money(payment.escrow.heldMinor, payment.currency) })}
            <br />
            <span className="muted">
              {t('designer.order.escrow', { held: money(payment.escrow.heldMinor, payment.currency), released: money(payment.escrow.releasedMinor, payment.currency), refunded: money(payment.escrow.refundedMinor, payment.currency) })}
            </span>
          </p>
        )}
        {payment?.status === 'failed' && payment.failureMessage && <ErrorMessage>{payment.failureMessage}</ErrorMessage>}
      </section>
      <h2>{t('designer.order.lines')}</h2>
      {order.lines.map((line) => (
        <article key={line.id} className="panel" data-testid={`order-line-${line.lineNumber}`}>
          <h3>
            {t('designer.order.line', { n: line.lineNumber, quantity: line.quantity, process: line.configuration.process, material: line.configuration.material })}{' '}
            {line.jobLine && <StatusBadge status={line.jobLine.status} />}
          </h3>
          <p className="muted">
            <Link to={`/designer/parts/${line.partId}`}>{t('designer.parts.colName')}</Link> · {money(line.totalMinor, order.currency)}
            {line.jobLine && <> · {t('designer.order.due', { date: date(line.jobLine.dueDate) })}</>}
          </p>
          {line.jobLine && <JobLineTracking jobLineId={line.jobLine.id} onChange={refresh} />}
          {line.jobLine && <LineCollaboration jobLine={line.jobLine} onChange={refresh} />}
        </article>
      ))}
      <Timeline order={order} />
    </section>
  );
}

function JobLineTracking({ jobLineId, onChange }: { jobLineId: string; onChange: () => void }) {
  const { t, date } = useI18n();
  const { data, error, refetch } = useQuery(JobLineTrackingDocument, { variables: { jobLineId }, pollInterval: 15_000 });
  const [accept, accepting] = useMutation(AcceptDeliveryDocument);
  const [dispute, disputing] = useMutation(OpenDisputeDocument);
  const { run, problem } = useResultAction(async () => {
    await refetch();
    onChange();
  });
  const [disputeOpen, setDisputeOpen] = useState(false);
  if (!data) return error ? <ErrorMessage error={error} /> : null;
  const progress = data.jobLineProgress;
  const schedule = data.jobLineSchedule;
  const submitDispute = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    void run(async () => (await dispute({ variables: { jobLineId, reason } })).data!.openDispute);
  };
  const canAnswer = progress.status === 'shipped' || progress.status === 'delivered';
  return (
    <div data-testid="job-line-tracking" data-status={progress.status}>
      <p>
        {schedule.promisedShipDate
          ? t(schedule.atRisk ? 'designer.order.promisedAtRisk' : 'designer.order.promised', { date: date(schedule.promisedShipDate) })
          : t('designer.order.notScheduled')}
      </p>
      {progress.milestones.length > 0 && (
        <>
          <h4>{t('designer.order.milestones')}</h4>
          <ol className="timeline">
            {progress.milestones.map((milestone) => (
              <li key={milestone.id}>
                {t(`designer.order.milestone.${milestone.kind}`)} — {date(milestone.createdAt, true)}
                {milestone.note ? `: ${milestone.note}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {progress.shipment && (
        <p data-testid="shipment">
          {t('designer.order.shipment', { date: date(progress.shipment.shippedAt, true), carrier: progress.shipment.carrier, tracking: progress.shipment.trackingNumber })}
          {progress.shipment.deliveredAt && <> · {t('designer.order.deliveredAt', { date: date(progress.shipment.deliveredAt, true) })}</>}
        </p>
      )}
      {canAnswer && (
        <div className="inline-form">
          <button type="button" className="primary" disabled={accepting.loading} onClick={() => void run(async () => (await accept({ variables: { jobLineId } })).data!.acceptDelivery)}>
            {accepting.loading ? t('designer.order.accepting') : t('designer.order.accept')}
          </button>
          <button type="button" className="danger" onClick={() => setDisputeOpen((open) => !open)} aria-expanded={disputeOpen}>
            {t('designer.order.dispute')}
          </button>
          <span className="muted">{t('designer.order.acceptHelp')}</span>
        </div>
      )}
      {canAnswer && disputeOpen && (
        <form onSubmit={submitDispute} className="form">
          <label>
            {t('designer.order.disputeReason')}
            <textarea name="reason" required minLength={5} rows={3} />
          </label>
          <p><button type="submit" className="danger" disabled={disputing.loading}>{t('designer.order.disputeSubmit')}</button></p>
        </form>
      )}
      {progress.status === 'disputed' && <p className="panel">{t('designer.order.disputed')}</p>}
      {(progress.status === 'accepted' || progress.status === 'paid_out') && <p className="ok" data-testid="delivery-accepted">{t('designer.order.accepted')}</p>}
      <ErrorMessage>{problem}</ErrorMessage>
    </div>
  );
}

const AFTER_AWARD = new Set(['awarded', 'scheduled', 'in_production', 'shipped', 'delivered', 'disputed', 'accepted', 'paid_out']);

/** Before award: how the line is sourced, counteroffers, bids and questions; after: the thread with the factory and, once accepted, the review. */
function LineCollaboration({ jobLine, onChange }: { jobLine: { id: string; status: string }; onChange: () => void }) {
  return (
    <>
      {jobLine.status === 'sourcing' && <LineSourcing jobLineId={jobLine.id} onAwarded={onChange} />}
      {AFTER_AWARD.has(jobLine.status) && <MessageThread jobLineId={jobLine.id} collapsible />}
      {(jobLine.status === 'accepted' || jobLine.status === 'paid_out') && <LineReview jobLineId={jobLine.id} />}
    </>
  );
}

function Timeline({ order }: { order: OrderView }) {
  const { t, date } = useI18n();
  const lineNumbers = new Map(order.lines.filter((line) => line.jobLine).map((line) => [line.jobLine!.id, line.lineNumber]));
  const status = (value: string) => (hasMessage(`common.status.${value}`) ? t(`common.status.${value}` as Key) : value);
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('designer.order.timeline')}</h2>
      <ol className="timeline" data-testid="order-timeline">
        {order.history.map((entry) => {
          const what = entry.jobLineId ? t('designer.order.lineWord', { n: lineNumbers.get(entry.jobLineId) ?? '?' }) : t('designer.order.orderWord');
          return (
            <li key={entry.id}>
              <time dateTime={entry.at}>{date(entry.at, true)}</time> —{' '}
              {entry.fromStatus ? t('designer.order.timelineChange', { what, from: status(entry.fromStatus), to: status(entry.toStatus) }) : t('designer.order.timelineCreated', { what })}{' '}
              <span className="muted">
                {entry.actorRole && hasMessage(`common.roles.${entry.actorRole}`) ? t('designer.order.byRole', { role: t(`common.roles.${entry.actorRole}` as Key) }) : t('designer.order.bySystem')}
                {entry.reason ? ` — ${entry.reason}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../api/errors';
import { DisputeSummary } from '../../components/DisputeSummary';
import { Empty, ErrorMessage, Loading } from '../../components/Feedback';
import { MessageThread } from '../../components/MessageThread';
import { DisputedOrderLinesDocument, JobLineEvidenceDocument, OpenDeliveryDisputesDocument, ResolveJobLineDisputeDocument, type DeliveryDisputeResolution } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

/** A split's factory share: a whole percent from 1 to 99, or null. */
export function splitPercent(text: string): number | null {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= 99 ? value : null;
}

/** Operators settle delivery disputes: both sides' evidence beside each other, then release, refund or split with a written decision. */
export function DisputesPage() {
  const { t, date } = useI18n();
  const [openOnly, setOpenOnly] = useState(true);
  const { data, loading, error } = useQuery(OpenDeliveryDisputesDocument, { variables: { openOnly }, fetchPolicy: 'cache-and-network', pollInterval: 30_000 });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const disputes = data?.deliveryDisputes ?? [];
  const selected = disputes.find((dispute) => dispute.id === selectedId) ?? disputes[0];
  return (
    <section>
      <h1>{t('evidence.disputes.title')}</h1>
      <p className="muted">{t('evidence.disputes.intro')}</p>
      <label className="inline">
        <input type="checkbox" checked={openOnly} onChange={(event) => setOpenOnly(event.target.checked)} /> {t('evidence.disputes.openOnly')}
      </label>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && disputes.length === 0 && <Empty>{t('evidence.disputes.empty')}</Empty>}
      {selected && (
        <div className="review-layout">
          <nav aria-label={t('evidence.disputes.listLabel')}>
            <ul className="review-list">
              {disputes.map((dispute) => (
                <li key={dispute.id}>
                  <button type="button" aria-current={dispute.id === selected.id} onClick={() => setSelectedId(dispute.id)}>
                    <strong>{t('evidence.disputes.order', { id: dispute.orderId.slice(0, 8) })}</strong> · {dispute.resolution ? t(`evidence.dispute.resolution.${dispute.resolution}`) : t('evidence.disputes.open')}
                    <br />
                    <span className="muted small">{date(dispute.createdAt, true)} · {dispute.reason.slice(0, 80)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <DisputeCase key={selected.id} disputeId={selected.id} orderId={selected.orderId} />
        </div>
      )}
    </section>
  );
}

function DisputeCase({ disputeId, orderId }: { disputeId: string; orderId: string }) {
  const order = useQuery(DisputedOrderLinesDocument, { variables: { orderId } });
  const disputedLines = (order.data?.order.lines ?? []).filter((line) => line.jobLine && ['disputed', 'accepted', 'cancelled', 'paid_out', 'delivered', 'shipped'].includes(line.jobLine.status));
  if (order.loading && !order.data) return <Loading />;
  if (order.error) return <ErrorMessage error={order.error} />;
  return (
    <div>
      {disputedLines.map((line) => (
        <LineDispute key={line.id} jobLineId={line.jobLine!.id} disputeId={disputeId} currency={order.data!.order.currency} title={`${line.configuration.process} · ${line.configuration.material} × ${line.quantity}`} />
      ))}
    </div>
  );
}

/** Loads a line's progress and shows it only when its dispute is the one chosen (an order may hold several lines). */
function LineDispute({ jobLineId, disputeId, currency, title }: { jobLineId: string; disputeId: string; currency: string; title: string }) {
  const { t } = useI18n();
  const { data, refetch } = useQuery(JobLineEvidenceDocument, { variables: { jobLineId } });
  const [resolve, { loading }] = useMutation(ResolveJobLineDisputeDocument, { refetchQueries: [OpenDeliveryDisputesDocument] });
  const [resolution, setResolution] = useState<DeliveryDisputeResolution>('release');
  const [failure, setFailure] = useState<string | null>(null);
  const dispute = data?.jobLineProgress.dispute;
  if (!dispute || dispute.id !== disputeId) return null;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const decision = String(form.get('decision') ?? '').trim();
    const percent = resolution === 'split' ? splitPercent(String(form.get('percent') ?? '')) : null;
    if (!decision) return setFailure(t('evidence.disputes.decisionNeeded'));
    if (resolution === 'split' && percent === null) return setFailure(t('evidence.disputes.percentInvalid'));
    setFailure(null);
    try {
      const result = (await resolve({ variables: { input: { disputeId, resolution, decision, ...(percent !== null ? { factoryPercent: percent } : {}) } } })).data!.resolveJobLineDispute;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      await refetch();
    } catch (caught) {
      setFailure(describeError(t, caught));
    }
  };
  return (
    <article aria-labelledby={`case-${jobLineId}`}>
      <h2 id={`case-${jobLineId}`}>{title}</h2>
      <DisputeSummary dispute={dispute} currency={currency} />
      {!dispute.resolution && (
        <form className="panel form" onSubmit={submit} aria-labelledby={`decide-${jobLineId}`}>
          <h3 id={`decide-${jobLineId}`}>{t('evidence.disputes.decide')}</h3>
          <fieldset>
            <legend>{t('evidence.disputes.outcome')}</legend>
            {(['release', 'refund', 'split'] as const).map((choice) => (
              <label key={choice} className="inline">
                <input type="radio" name="resolution" value={choice} checked={resolution === choice} onChange={() => setResolution(choice)} /> {t(`evidence.disputes.choices.${choice}`)}
              </label>
            ))}
          </fieldset>
          {resolution === 'split' && (
            <label>
              {t('evidence.disputes.percent')}
              <input name="percent" type="number" min={1} max={99} step={1} defaultValue={50} />
            </label>
          )}
          <label>
            {t('evidence.disputes.decision')}
            <textarea name="decision" rows={3} maxLength={4000} />
          </label>
          <div><button type="submit" className="primary" disabled={loading}>{t('evidence.disputes.submit')}</button></div>
          <ErrorMessage>{failure}</ErrorMessage>
        </form>
      )}
      <MessageThread jobLineId={jobLineId} />
    </article>
  );
}

import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useResultAction } from '../../../api/result-action';
import { ErrorMessage } from '../../../components/Feedback';
import { PlaceBidDocument, WithdrawBidDocument, type BidFieldsFragment } from '../../../gql/graphql';
import { useI18n, type Key } from '../../../i18n/i18n';
import { checkBid, MAX_NOTE, type BidDraft, type BidProblem } from './jobForms';
import { minorPerMajor } from '../../../components/forms';

interface BidPanelProps {
  jobLineId: string;
  currency: string;
  bidDeadline: string | null | undefined;
  biddingClosedAt: string | null | undefined;
  /** The factory sees only its own bid */
  bid: BidFieldsFragment | undefined;
  onChange: () => unknown;
}

/** A sealed-bid RFQ from the factory's side: place, change or withdraw its bid until the deadline. */
export function BidPanel({ jobLineId, currency, bidDeadline, biddingClosedAt, bid, onChange }: BidPanelProps) {
  const { t, money, date } = useI18n();
  const fromBid = (current: BidFieldsFragment | undefined): BidDraft => ({
    price: current ? String(current.priceMinor / minorPerMajor(currency)) : '',
    leadTimeDays: current ? String(current.leadTimeDays) : '',
    note: current?.note ?? '',
  });
  const [draft, setDraft] = useState<BidDraft>(() => fromBid(bid));
  const [problem, setProblem] = useState<BidProblem | null>(null);
  const [place, placing] = useMutation(PlaceBidDocument);
  const [withdraw, withdrawing] = useMutation(WithdrawBidDocument);
  const { run, problem: failure } = useResultAction(onChange);
  const id = useId();
  const closed = !!biddingClosedAt || (bidDeadline ? Date.parse(bidDeadline) <= Date.now() : false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBid(draft, currency);
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    void run(async () => (await place({ variables: { input: { jobLineId, ...checked.input } } })).data?.placeBid);
  };
  const field = (name: keyof BidDraft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value })),
  });
  const active = bid?.status === 'active';
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="bid-panel">
      <h2 id={`${id}-title`}>{t('collaboration.bid.title')}</h2>
      <p>{closed ? t('collaboration.bid.closed', { date: date(biddingClosedAt ?? bidDeadline, true) }) : t('collaboration.bid.intro', { date: date(bidDeadline, true) })}</p>
      <p data-testid="your-bid">
        {bid
          ? t('collaboration.bid.yours', { price: money(bid.priceMinor, bid.currency), days: bid.leadTimeDays, status: t(`collaboration.bid.status.${bid.status}` as Key) })
          : t('collaboration.bid.none')}
      </p>
      {!closed && (
        <form className="form" onSubmit={submit} noValidate>
          <label>
            {t('collaboration.bid.price', { currency: currency.toUpperCase() })}
            <input inputMode="decimal" autoComplete="off" aria-invalid={problem === 'price' || undefined} {...field('price')} />
          </label>
          <label>
            {t('collaboration.bid.leadTime')}
            <input inputMode="numeric" autoComplete="off" aria-invalid={problem === 'leadTime' || undefined} {...field('leadTimeDays')} />
          </label>
          <label>
            {t('collaboration.bid.note')}
            <textarea rows={2} maxLength={MAX_NOTE} {...field('note')} />
          </label>
          <ErrorMessage>{problem ? t(`collaboration.offer.problems.${problem}`) : failure}</ErrorMessage>
          <div className="inline-form">
            <button type="submit" className="primary" disabled={placing.loading}>{active ? t('collaboration.bid.update') : t('collaboration.bid.place')}</button>
            {active && (
              <button type="button" className="danger" disabled={withdrawing.loading} onClick={() => void run(async () => (await withdraw({ variables: { jobLineId } })).data?.withdrawBid)}>
                {t('collaboration.bid.withdraw')}
              </button>
            )}
          </div>
        </form>
      )}
      {closed && <ErrorMessage>{failure}</ErrorMessage>}
    </section>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/errors';
import { Empty, ErrorMessage, Loading } from '../../components/Feedback';
import { AdjustQuoteLineDocument, QuoteForReviewDocument, QuoteReviewQueueDocument, ReleaseQuoteDocument, type ReviewQuoteFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { fromMinor, toMinor } from '../../i18n/minorUnits';

/** Quotes whose confidence fell below the threshold: an operator adjusts per-part cost lines (with a note) and releases them. */
export function QuoteReviewPage() {
  const { t, date, number } = useI18n();
  const { data, loading, error } = useQuery(QuoteReviewQueueDocument, { variables: { first: 25 }, fetchPolicy: 'cache-and-network', pollInterval: 30_000 });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const quotes = data?.quoteReviewQueue.edges.map((edge) => edge.node) ?? [];
  const selected = quotes.find((quote) => quote.id === selectedId) ?? quotes[0];
  return (
    <section>
      <h1>{t('operatorConsole.quotes.title')}</h1>
      <p className="muted">{t('operatorConsole.quotes.intro')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && quotes.length === 0 && <Empty>{t('operatorConsole.quotes.empty')}</Empty>}
      {selected && (
        <div className="review-layout">
          <nav aria-label={t('operatorConsole.quotes.listLabel')}>
            <p className="muted">{t('operatorConsole.quotes.count', { count: data!.quoteReviewQueue.totalCount })}</p>
            <ul className="review-list">
              {quotes.map((quote) => (
                <li key={quote.id}>
                  <button type="button" aria-current={quote.id === selected.id} onClick={() => setSelectedId(quote.id)}>
                    <strong>{quote.configuration.process}</strong> · {quote.configuration.material}
                    <br />
                    <span className="muted small">
                      {t('operatorConsole.quotes.confidence', { score: number((quote.confidenceDetail?.score ?? 0) * 100, 0) })} · {date(quote.createdAt, true)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <QuoteForReview key={selected.id} quoteId={selected.id} onReleased={() => setSelectedId(null)} />
        </div>
      )}
    </section>
  );
}

function QuoteForReview({ quoteId, onReleased }: { quoteId: string; onReleased(): void }) {
  const { data, loading, error } = useQuery(QuoteForReviewDocument, { variables: { id: quoteId } });
  if (loading && !data) return <Loading />;
  if (error || !data) return <ErrorMessage error={error} />;
  return <QuoteReview quote={data.quote} onReleased={onReleased} />;
}

function QuoteReview({ quote, onReleased }: { quote: ReviewQuoteFieldsFragment; onReleased(): void }) {
  const { t, money, number } = useI18n();
  const currency = quote.currency ?? quote.breaks[0]?.currency ?? 'EUR';
  const lines = quote.breaks[0]?.unitBreakdown.map((line) => ({ line: line.line, label: line.label })) ?? [];
  const [quantity, setQuantity] = useState(quote.breaks[0]?.quantity ?? 0);
  const [line, setLine] = useState(lines[0]?.line ?? '');
  const current = quote.breaks.find((entry) => entry.quantity === quantity)?.unitBreakdown.find((entry) => entry.line === line);
  const [adjust, adjusting] = useMutation(AdjustQuoteLineDocument);
  const [release, releasing] = useMutation(ReleaseQuoteDocument, { refetchQueries: [QuoteReviewQueueDocument], awaitRefetchQueries: true });
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submitAdjustment = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const amount = toMinor(String(data.get('amount') ?? ''), currency);
    const note = String(data.get('note') ?? '').trim();
    setDone(null);
    if (amount === null) return setFailure(t('operatorConsole.quotes.amountInvalid'));
    if (!note) return setFailure(t('operatorConsole.quotes.noteNeeded'));
    setFailure(null);
    try {
      await adjust({ variables: { input: { quoteId: quote.id, quantity, line, unitAmountMinor: amount, note } } });
      setDone(t('operatorConsole.quotes.adjusted', { line: current?.label ?? line, amount: money(amount, currency) }));
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };
  const submitRelease = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    if (!note) return setFailure(t('operatorConsole.quotes.noteNeeded'));
    setFailure(null);
    try {
      await release({ variables: { quoteId: quote.id, note } });
      onReleased();
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };
  return (
    <article aria-labelledby="quote-title">
      <h2 id="quote-title">{t('operatorConsole.quotes.quoteTitle', { process: quote.configuration.process, material: quote.configuration.material, revision: quote.revision })}</h2>
      <p className="muted">
        {t('operatorConsole.quotes.configuration', { finish: quote.configuration.finish, tolerance: quote.configuration.tolerance, inspection: quote.configuration.inspection, lead: quote.configuration.leadTier })}
      </p>
      {quote.confidenceDetail && (
        <>
          <p>
            <meter min={0} max={1} low={0.6} optimum={1} value={quote.confidenceDetail.score} aria-label={t('operatorConsole.quotes.confidenceLabel')} />{' '}
            {t('operatorConsole.quotes.confidence', { score: number(quote.confidenceDetail.score * 100, 0) })}
          </p>
          <ul>
            {quote.confidenceDetail.reasons.map((reason) => <li key={reason.code}>{reason.message}</li>)}
          </ul>
        </>
      )}
      <div className="table-scroll">
        <table className="table quote-table" data-testid="review-breakdown">
          <caption className="visually-hidden">{t('operatorConsole.quotes.breakdownCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('operatorConsole.quotes.line')}</th>
              {quote.breaks.map((entry) => <th key={entry.quantity} scope="col" className="num">{t('operatorConsole.quotes.perPartAt', { quantity: entry.quantity })}</th>)}
            </tr>
          </thead>
          <tbody>
            {lines.map((row) => (
              <tr key={row.line} className={row.line === line ? 'selected' : ''}>
                <th scope="row">{row.label}</th>
                {quote.breaks.map((entry) => {
                  const amount = entry.unitBreakdown.find((candidate) => candidate.line === row.line)?.amountMinor;
                  return <td key={entry.quantity} className="num">{amount === undefined ? '—' : money(amount, currency)}</td>;
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>{t('operatorConsole.quotes.unitPrice')}</td>
              {quote.breaks.map((entry) => <td key={entry.quantity} className="num">{money(entry.unitPriceMinor, currency)}</td>)}
            </tr>
          </tfoot>
        </table>
      </div>
      <form className="panel form" onSubmit={submitAdjustment} aria-labelledby="adjust-title">
        <h3 id="adjust-title">{t('operatorConsole.quotes.adjustTitle')}</h3>
        <div className="form-grid">
          <label>
            {t('operatorConsole.quotes.quantity')}
            <select value={quantity} onChange={(event) => setQuantity(Number(event.target.value))}>
              {quote.breaks.map((entry) => <option key={entry.quantity} value={entry.quantity}>{entry.quantity}</option>)}
            </select>
          </label>
          <label>
            {t('operatorConsole.quotes.line')}
            <select value={line} onChange={(event) => setLine(event.target.value)}>
              {lines.map((row) => <option key={row.line} value={row.line}>{row.label}</option>)}
            </select>
          </label>
          <label>
            {t('operatorConsole.quotes.newAmount', { currency })}
            <input key={`${quantity}-${line}`} name="amount" inputMode="decimal" defaultValue={current ? fromMinor(current.amountMinor, currency) : ''} />
          </label>
        </div>
        <label>
          {t('operatorConsole.quotes.note')}
          <input name="note" maxLength={1000} />
        </label>
        <div><button type="submit" disabled={adjusting.loading}>{t('operatorConsole.quotes.adjust')}</button></div>
      </form>
      <form className="panel form" onSubmit={submitRelease} aria-labelledby="release-title">
        <h3 id="release-title">{t('operatorConsole.quotes.releaseTitle')}</h3>
        <label>
          {t('operatorConsole.quotes.releaseNote')}
          <input name="note" maxLength={1000} />
        </label>
        <div><button type="submit" className="primary" disabled={releasing.loading}>{t('operatorConsole.quotes.release')}</button></div>
      </form>
      {done && <p className="ok" role="status">{done}</p>}
      <ErrorMessage>{failure}</ErrorMessage>
    </article>
  );
}

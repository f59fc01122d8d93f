import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeError, describeErrorResult } from '../../api/errors';
import { useLiveEvents } from '../../api/live-events';
import { ErrorMessage, StatusBadge } from '../../components/Feedback';
import { CatalogDocument, QuoteDocument, RequestQuoteDocument, type QuoteFieldsFragment, type RequestQuoteInput } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { breakdownShares, normalize, optionsFor, sameRequest, toQuoteInput, type CatalogOption, type QuoteFormState } from '../../quote/quote-form';
import { addToCart } from './cart';

export interface QuotePreset {
  process: string;
  material: string;
  finish?: string;
  tolerance?: string;
}

// the platform's most common order: CNC-milled aluminium (any other choice is one click away)
const INITIAL: QuoteFormState = { process: 'cnc_milling_3axis', material: 'aluminum_6061', finish: '', tolerance: '', inspection: '', leadTier: '', quantitiesText: '1, 10, 100' };
const DEBOUNCE_MS = 500;

/** Configure → a new quote revision is asked for (debounced) → it is shown as soon as the worker prices it. */
export function QuoteConfigurator({ partId, partName, preset }: { partId: string; partName: string; preset?: QuotePreset | null }) {
  const { t } = useI18n();
  const catalog = useQuery(CatalogDocument);
  const items = useMemo<CatalogOption[]>(() => catalog.data?.catalogItems ?? [], [catalog.data]);
  const [form, setForm] = useState<QuoteFormState>(INITIAL);
  const [quoteId, setQuoteId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const lastRequest = useRef<RequestQuoteInput | null>(null);
  const [requestQuote, requesting] = useMutation(RequestQuoteDocument);

  useEffect(() => {
    if (items.length) setForm((current) => normalize(current, items));
  }, [items]);
  useEffect(() => {
    if (preset && items.length) setForm((current) => normalize({ ...current, ...preset, finish: preset.finish ?? '', tolerance: preset.tolerance ?? '' }, items));
  }, [preset, items]);

  const prepared = toQuoteInput(partId, form);
  useEffect(() => {
    if (!items.length || !('input' in prepared) || sameRequest(lastRequest.current, prepared.input)) return;
    const input = prepared.input;
    const timer = setTimeout(async () => {
      lastRequest.current = input;
      setProblem(null);
      try {
        const result = (await requestQuote({ variables: { input } })).data!.requestQuote;
        if (result.__typename === 'Quote') setQuoteId(result.id);
        else setProblem(describeErrorResult(t, result));
      } catch (error) {
        lastRequest.current = null;
        setProblem(describeError(t, error));
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [JSON.stringify(prepared), items.length]); // eslint-disable-line react-hooks/exhaustive-deps

  const quote = useQuery(QuoteDocument, { variables: { id: quoteId ?? '' }, skip: !quoteId });
  const pending = quote.data?.quote.status === 'pending';
  const refresh = useCallback(() => void quote.refetch(), [quote]);
  useLiveEvents((event) => event.data.id === quoteId && refresh(), { types: ['quote.priced', 'quote.reviewed'], onPoll: pending ? refresh : undefined, fallbackPollMs: 1_500 });
  useEffect(() => {
    // a priced event may come before this page subscribed: look again shortly while pending
    if (!pending) return;
    const timer = setInterval(refresh, 3_000);
    return () => clearInterval(timer);
  }, [pending, refresh]);

  const options = optionsFor(items, form.process);
  const set = (field: keyof QuoteFormState) => (value: string) => setForm((current) => (field === 'process' ? normalize({ ...current, process: value }, items) : { ...current, [field]: value }));
  return (
    <section className="panel" aria-labelledby="quote-heading">
      <h2 id="quote-heading">{t('designer.quote.heading')}</h2>
      <form className="form-grid" onSubmit={(event) => event.preventDefault()} data-testid="quote-form">
        <Select label={t('designer.quote.process')} value={form.process} onChange={set('process')} options={options.processes} />
        <Select label={t('designer.quote.material')} value={form.material} onChange={set('material')} options={options.materials} />
        <Select label={t('designer.quote.finish')} value={form.finish} onChange={set('finish')} options={options.finishes} withDefault />
        <Select label={t('designer.quote.tolerance')} value={form.tolerance} onChange={set('tolerance')} options={options.tolerances} withDefault />
        <Select label={t('designer.quote.inspection')} value={form.inspection} onChange={set('inspection')} options={options.inspections} withDefault />
        <Select label={t('designer.quote.leadTier')} value={form.leadTier} onChange={set('leadTier')} options={options.leadTiers} withDefault />
        <label>
          {t('designer.quote.quantities')}
          <input
            name="quantities"
            value={form.quantitiesText}
            onChange={(event) => set('quantitiesText')(event.target.value)}
            aria-describedby="quantities-hint"
            aria-invalid={'problem' in prepared && prepared.problem === 'quantities'}
            inputMode="numeric"
          />
          <small id="quantities-hint" className={'problem' in prepared && prepared.problem === 'quantities' ? 'error' : 'muted'}>
            {'problem' in prepared && prepared.problem === 'quantities' ? t('designer.quote.quantitiesInvalid') : t('designer.quote.quantitiesHint')}
          </small>
        </label>
      </form>
      <ErrorMessage>{problem}</ErrorMessage>
      {quote.error && <ErrorMessage error={quote.error} />}
      <div aria-live="polite">
        {(requesting.loading || pending) && <p role="status">{t('designer.quote.pricing')}</p>}
        {quote.data && !pending && <QuoteResult quote={quote.data.quote} partName={partName} />}
      </div>
    </section>
  );
}

function Select({ label, value, onChange, options, withDefault }: { label: string; value: string; onChange: (value: string) => void; options: CatalogOption[]; withDefault?: boolean }) {
  const { t } = useI18n();
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {withDefault && <option value="">{t('designer.quote.defaultOption')}</option>}
        {options.map((option) => (
          <option key={option.code} value={option.code}>{option.name}</option>
        ))}
      </select>
    </label>
  );
}

export function QuoteResult({ quote, partName }: { quote: QuoteFieldsFragment; partName: string }) {
  const { t, money, number, date } = useI18n();
  const [quantity, setQuantity] = useState<number>(quote.breaks[0]?.quantity ?? 0);
  const [added, setAdded] = useState(false);
  useEffect(() => {
    setQuantity((current) => (quote.breaks.some((b) => b.quantity === current) ? current : (quote.breaks[0]?.quantity ?? 0)));
    setAdded(false);
  }, [quote]);
  const selected = quote.breaks.find((b) => b.quantity === quantity) ?? quote.breaks[0];
  const orderable = quote.status === 'ready' && !quote.expired;
  return (
    <div data-testid="quote-result" data-status={quote.status}>
      <h3>
        {t('designer.quote.result', { revision: quote.revision })} <StatusBadge status={quote.status} /> <span className="muted">{t('designer.quote.validUntil', { date: date(quote.expiresAt, true) })}</span>
      </h3>
      {quote.status === 'needs_review' && <p className="panel">{t('designer.quote.waitingReview')}</p>}
      {quote.status === 'failed' && <ErrorMessage>{t('designer.quote.failed', { reason: quote.failureReason ?? '' })}</ErrorMessage>}
      {quote.expired && <p className="error">{t('designer.quote.expired')}</p>}
      {quote.status === 'not_manufacturable' && (
        <div role="alert">
          <p className="error">{t('designer.quote.notManufacturable')}</p>
          <ul>{quote.notManufacturableReasons.map((reason) => <li key={reason.code}>{reason.message}</li>)}</ul>
        </div>
      )}
      {quote.breaks.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="table quote-table">
              <caption className="visually-hidden">{t('designer.quote.result', { revision: quote.revision })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('designer.quote.orderQuantity')}</th>
                  <th scope="col" className="num">{t('designer.quote.colQuantity')}</th>
                  <th scope="col" className="num">{t('designer.quote.colUnit')}</th>
                  <th scope="col" className="num">{t('designer.quote.colTotal')}</th>
                  <th scope="col">{t('designer.quote.colLead')}</th>
                  <th scope="col" className="num">{t('designer.quote.colCarbon')}</th>
                </tr>
              </thead>
              <tbody>
                {quote.breaks.map((b) => (
                  <tr key={b.quantity}>
                    <td>
                      <input type="radio" name={`qty-${quote.id}`} checked={b.quantity === selected?.quantity} onChange={() => setQuantity(b.quantity)} aria-label={`${t('designer.quote.orderQuantity')}: ${b.quantity}`} />
                    </td>
                    <td className="num">{number(b.quantity, 0)}</td>
                    <td className="num">{money(b.unitPriceMinor, b.currency)}</td>
                    <td className="num">{money(b.totalMinor, b.currency)}</td>
                    <td>{t('designer.quote.days', { days: b.leadTimeDays })}</td>
                    <td className="num">{t('designer.quote.kg', { value: number(b.carbon.perPartKg, 2) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {selected && (
            <div className="part-layout">
              <div>
                <h4>{t('designer.quote.breakdownFor', { quantity: selected.quantity })}</h4>
                <div className="breakdown" data-testid="quote-breakdown">
                  {breakdownShares(selected.unitBreakdown).map((line) => (
                    <div key={line.line} style={{ display: 'contents' }}>
                      <span>
                        {line.label}
                        <span aria-hidden="true" style={{ display: 'block', height: 4, width: `${Math.round(line.share * 100)}%`, background: '#8aa4c0', borderRadius: 2 }} />
                      </span>
                      <span className="num">{money(line.amountMinor, selected.currency)}</span>
                    </div>
                  ))}
                  <span className="total">{t('designer.quote.breakdownTotal')}</span>
                  <span className="total num">{money(selected.unitPriceMinor, selected.currency)}</span>
                </div>
                {selected.leadTimes.length > 1 && (
                  <>
                    <h4>{t('designer.quote.leadOptions', { quantity: selected.quantity })}</h4>
                    <ul>
                      {selected.leadTimes.map((lead) => (
                        <li key={lead.tier}>
                          {lead.selected ? <strong>{lead.name}</strong> : lead.name}: {t('designer.quote.days', { days: lead.businessDays })}, {money(lead.unitPriceMinor, selected.currency)}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
              <div>
                {quote.confidenceDetail && (
                  <>
                    <h4 data-testid="quote-confidence">{t('designer.quote.confidence', { score: Math.round(quote.confidenceDetail.score * 100) })}</h4>
                    {quote.confidenceDetail.reasons.length > 0 && (
                      <>
                        <p className="muted">{t('designer.quote.confidenceReasons')}</p>
                        <ul>{quote.confidenceDetail.reasons.map((reason) => <li key={reason.code}>{reason.message}</li>)}</ul>
                      </>
                    )}
                  </>
                )}
                <h4>{t('designer.quote.carbonHeading', { quantity: selected.quantity })}</h4>
                <p data-testid="quote-carbon">
                  {t('designer.quote.kg', { value: number(selected.carbon.totalKg, 2) })} —{' '}
                  {t('designer.quote.carbonLines', {
                    material: number(selected.carbon.materialKg, 2),
                    energy: number(selected.carbon.processEnergyKg, 2),
                    finishing: number(selected.carbon.finishingKg, 2),
                    shipping: number(selected.carbon.shippingKg, 2),
                    grid: selected.carbon.gridRegion,
                  })}
                </p>
                {quote.assumptions.length > 0 && (
                  <details>
                    <summary>{t('designer.quote.assumptions')}</summary>
                    <ul>{quote.assumptions.map((assumption) => <li key={assumption}>{assumption}</li>)}</ul>
                  </details>
                )}
              </div>
            </div>
          )}
          {orderable && selected && (
            <p>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  addToCart({
                    quoteId: quote.id,
                    partId: quote.partId,
                    partName,
                    quantity: selected.quantity,
                    unitPriceMinor: selected.unitPriceMinor,
                    currency: selected.currency,
                    process: quote.configuration.process,
                    material: quote.configuration.material,
                    leadTimeDays: selected.leadTimeDays,
                  });
                  setAdded(true);
                }}
              >
                {t('designer.quote.addToCart', { quantity: selected.quantity })}
              </button>{' '}
              {added && <span role="status" className="ok">{t('designer.quote.added')}</span>}
            </p>
          )}
        </>
      )}
    </div>
  );
}

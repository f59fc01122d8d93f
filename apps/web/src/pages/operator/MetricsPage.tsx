import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { BarChart, RateChart } from '../../components/charts/Charts';
import { ErrorMessage, Loading } from '../../components/Feedback';
import { PlatformMetricsDocument, type PlatformMetricsQuery } from '../../gql/graphql';
import { formatMoney, useI18n } from '../../i18n/i18n';

const WINDOWS = [7, 30, 90] as const;
/** Where apps/api mounts the BullMQ dashboard (QUEUE_DASHBOARD_PATH); it reads the ps_access cookie. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

type Metrics = PlatformMetricsQuery['platformMetrics'];

/** Order value per day in one currency, and the currencies present, largest total first. */
export function valueSeries(metrics: Pick<Metrics, 'days' | 'orderValue'>, currency: string | null): { currencies: string[]; series: Array<{ day: string; amountMinor: number }> } {
  const totals = new Map<string, number>();
  for (const entry of metrics.orderValue) totals.set(entry.currency, (totals.get(entry.currency) ?? 0) + entry.amountMinor);
  const currencies = [...totals].sort((a, b) => b[1] - a[1]).map(([code]) => code);
  const chosen = currency && currencies.includes(currency) ? currency : (currencies[0] ?? null);
  const byDay = new Map(metrics.orderValue.filter((entry) => entry.currency === chosen).map((entry) => [entry.day, entry.amountMinor]));
  return { currencies, series: metrics.days.map((day) => ({ day: day.day, amountMinor: byDay.get(day.day) ?? 0 })) };
}

/** On-time share per day (null on days without deliveries). */
export function onTimeSeries(days: Metrics['days']): Array<number | null> {
  return days.map((day) => {
    const delivered = day.onTimeDeliveries + day.lateDeliveries;
    return delivered ? day.onTimeDeliveries / delivered : null;
  });
}

export function MetricsPage() {
  const { t, locale, number } = useI18n();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const [currency, setCurrency] = useState<string | null>(null);
  const { data, loading, error } = useQuery(PlatformMetricsDocument, { variables: { days }, fetchPolicy: 'cache-and-network', pollInterval: 60_000 });
  const metrics = data?.platformMetrics;
  const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
  const dayLabel = (day: string) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const percent = (value: number) => `${number(value * 100, 0)} %`;
  const value = metrics ? valueSeries(metrics, currency) : null;
  const shownCurrency = value?.currencies.includes(currency ?? '') ? currency! : (value?.currencies[0] ?? null);
  return (
    <section>
      <h1>{t('operatorConsole.metrics.title')}</h1>
      <p className="muted">{t('operatorConsole.metrics.intro')}</p>
      <p>
        <a href={QUEUE_DASHBOARD_PATH} target="_blank" rel="noopener">{t('operatorConsole.metrics.queueDashboard')}</a>{' '}
        <span className="muted">{t('operatorConsole.metrics.queueDashboardHint')}</span>
      </p>
      <div className="inline-form" role="radiogroup" aria-label={t('operatorConsole.metrics.window')}>
        {WINDOWS.map((window) => (
          <label key={window} className="inline">
            <input type="radio" name="window" checked={days === window} onChange={() => setDays(window)} /> {t('operatorConsole.metrics.lastDays', { days: window })}
          </label>
        ))}
      </div>
      {loading && !metrics && <Loading />}
      <ErrorMessage error={error} />
      {metrics && value && (
        <>
          <div className="stat-row" data-testid="metric-totals">
            <div className="stat"><span className="stat-value">{metrics.ordersPaid}</span><span>{t('operatorConsole.metrics.ordersPaid')}</span></div>
            <div className="stat">
              <span className="stat-value">{value.currencies.length === 0 ? '—' : value.currencies.map((code) => formatMoney(metrics.orderValue.filter((entry) => entry.currency === code).reduce((sum, entry) => sum + entry.amountMinor, 0), code, tag)).join(' · ')}</span>
              <span>{t('operatorConsole.metrics.orderValue')}</span>
            </div>
            <div className="stat"><span className="stat-value">{metrics.onTimeRate === null ? '—' : percent(metrics.onTimeRate)}</span><span>{t('operatorConsole.metrics.onTimeRate')}</span></div>
            <div className="stat"><span className="stat-value">{metrics.meanQuoteConfidence === null ? '—' : percent(metrics.meanQuoteConfidence)}</span><span>{t('operatorConsole.metrics.meanConfidence')}</span></div>
            <div className="stat"><span className="stat-value">{metrics.reviewShare === null ? '—' : percent(metrics.reviewShare)}</span><span>{t('operatorConsole.metrics.reviewShare')}</span></div>
          </div>
          <div className="chart-grid">
            <BarChart
              title={t('operatorConsole.metrics.ordersChart')}
              data={metrics.days.map((day) => ({ label: dayLabel(day.day), value: day.ordersPaid }))}
              format={(count) => number(count, 0)}
              emptyText={t('operatorConsole.metrics.noData')}
              integer
            />
            <div>
              <BarChart
                title={shownCurrency ? t('operatorConsole.metrics.valueChart', { currency: shownCurrency }) : t('operatorConsole.metrics.orderValue')}
                data={value.series.map((entry) => ({ label: dayLabel(entry.day), value: entry.amountMinor }))}
                format={(amount) => (shownCurrency ? formatMoney(amount, shownCurrency, tag) : number(amount, 0))}
                emptyText={t('operatorConsole.metrics.noData')}
              />
              {value.currencies.length > 1 && (
                <label className="inline">
                  {t('operatorConsole.metrics.currency')}
                  <select value={shownCurrency ?? ''} onChange={(event) => setCurrency(event.target.value)}>
                    {value.currencies.map((code) => <option key={code} value={code}>{code}</option>)}
                  </select>
                </label>
              )}
            </div>
            <RateChart
              title={t('operatorConsole.metrics.onTimeChart')}
              data={onTimeSeries(metrics.days).map((rate, index) => ({ label: dayLabel(metrics.days[index].day), value: rate }))}
              format={percent}
              emptyText={t('operatorConsole.metrics.noDeliveries')}
            />
            <RateChart
              title={t('operatorConsole.metrics.confidenceChart')}
              data={metrics.days.map((day) => ({ label: dayLabel(day.day), value: day.meanQuoteConfidence ?? null }))}
              format={percent}
              emptyText={t('operatorConsole.metrics.noQuotes')}
              threshold={0.6}
            />
            <BarChart
              title={t('operatorConsole.metrics.confidenceHistogram')}
              data={metrics.confidenceBuckets.map((count, index) => ({ label: `${index * 10}–${index * 10 + 10}`, value: count }))}
              format={(count) => number(count, 0)}
              emptyText={t('operatorConsole.metrics.noQuotes')}
              integer
            />
          </div>
          <p className="muted small">{t('operatorConsole.metrics.thresholdNote')}</p>
        </>
      )}
    </section>
  );
}

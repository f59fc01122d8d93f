import { Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { InvalidInputError, type RequestContext } from '@partsmith/platform';

export interface MetricsDay {
  /** YYYY-MM-DD (UTC) */
  day: string;
  ordersPaid: number;
  onTimeDeliveries: number;
  lateDeliveries: number;
  quotesPriced: number;
  quotesReviewed: number;
  /** Mean confidence of the quotes priced that day; null on a day without any */
  meanQuoteConfidence: number | null;
}

export interface MetricsAmount {
  day: string;
  currency: string;
  amountMinor: number;
}

export interface PlatformMetrics {
  from: Date;
  to: Date;
  days: MetricsDay[];
  orderValue: MetricsAmount[];
  /** Priced quotes by confidence, ten buckets [0, 0.1) … [0.9, 1] */
  confidenceBuckets: number[];
  ordersPaid: number;
  onTimeRate: number | null;
  meanQuoteConfidence: number | null;
  reviewShare: number | null;
}

export const METRICS_MAX_DAYS = 366;

/**
 * Operators' platform metrics: a read-only report over the orders, score events and quotes tables, day by
 * day in UTC. It is the one place that reads several contexts' tables together; it never writes, and the
 * numbers are the same the contexts themselves expose (paid orders, delivery score events, quote confidence).
 */
@Injectable()
export class PlatformMetricsService {
  constructor(private readonly access: AccessService) {}

  async metrics(ctx: RequestContext, days: number, now = new Date()): Promise<PlatformMetrics> {
    this.access.requireOperator(ctx);
    if (!Number.isInteger(days) || days < 1 || days > METRICS_MAX_DAYS) throw new InvalidInputError(`days must be a whole number from 1 to ${METRICS_MAX_DAYS} (got ${days})`);
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const from = new Date(today - (days - 1) * 86_400_000);
    const to = new Date(today + 86_400_000);
    const params = [from.toISOString(), to.toISOString()];
    const [series, value, buckets] = await Promise.all([
      ctx.db.query(
        `WITH d AS (SELECT generate_series($1::timestamptz AT TIME ZONE 'UTC', ($2::timestamptz AT TIME ZONE 'UTC') - interval '1 day', interval '1 day') AS day),
              o AS (SELECT date_trunc('day', paid_at AT TIME ZONE 'UTC') AS day, count(*) AS n FROM orders
                    WHERE paid_at >= $1 AND paid_at < $2 AND status <> 'cancelled' GROUP BY 1),
              s AS (SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AS day,
                           count(*) FILTER (WHERE kind = 'delivery_on_time') AS on_time,
                           count(*) FILTER (WHERE kind = 'delivery_late') AS late
                    FROM factory_score_events
                    WHERE occurred_at >= $1 AND occurred_at < $2 AND voided_at IS NULL AND kind IN ('delivery_on_time', 'delivery_late') GROUP BY 1),
              q AS (SELECT date_trunc('day', priced_at AT TIME ZONE 'UTC') AS day, count(*) AS priced,
                           count(*) FILTER (WHERE status = 'needs_review' OR reviewed_at IS NOT NULL) AS reviewed,
                           avg(confidence) AS confidence
                    FROM quotes WHERE priced_at >= $1 AND priced_at < $2 AND confidence IS NOT NULL GROUP BY 1)
         SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
                coalesce(o.n, 0)::int AS orders, coalesce(s.on_time, 0)::int AS on_time, coalesce(s.late, 0)::int AS late,
                coalesce(q.priced, 0)::int AS priced, coalesce(q.reviewed, 0)::int AS reviewed, q.confidence::float8 AS confidence
         FROM d
         LEFT JOIN o ON o.day = d.day
         LEFT JOIN s ON s.day = d.day
         LEFT JOIN q ON q.day = d.day
         ORDER BY d.day`,
        params,
      ) as Promise<Array<{ day: string; orders: number; on_time: number; late: number; priced: number; reviewed: number; confidence: number | null }>>,
      ctx.db.query(
        `SELECT to_char(date_trunc('day', paid_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, currency, sum(total_minor)::float8 AS amount
         FROM orders WHERE paid_at >= $1 AND paid_at < $2 AND status <> 'cancelled'
         GROUP BY 1, 2 ORDER BY 1, 2`,
        params,
      ) as Promise<Array<{ day: string; currency: string; amount: number }>>,
      ctx.db.query(
        `SELECT least(floor(confidence * 10), 9)::int AS bucket, count(*)::int AS n
         FROM quotes WHERE priced_at >= $1 AND priced_at < $2 AND confidence IS NOT NULL GROUP BY 1`,
        params,
      ) as Promise<Array<{ bucket: number; n: number }>>,
    ]);
    const confidenceBuckets = new Array<number>(10).fill(0);
    for (const row of buckets) confidenceBuckets[row.bucket] = row.n;
    const sum = (pick: (row: (typeof series)[number]) => number) => series.reduce((total, row) => total + pick(row), 0);
    const delivered = sum((row) => row.on_time + row.late);
    const priced = sum((row) => row.priced);
    const weightedConfidence = series.reduce((total, row) => total + (row.confidence ?? 0) * row.priced, 0);
    return {
      from,
      to,
      days: series.map((row) => ({
        day: row.day,
        ordersPaid: row.orders,
        onTimeDeliveries: row.on_time,
        lateDeliveries: row.late,
        quotesPriced: row.priced,
        quotesReviewed: row.reviewed,
        meanQuoteConfidence: row.confidence,
      })),
      orderValue: value.map((row) => ({ day: row.day, currency: row.currency.trim(), amountMinor: row.amount })),
      confidenceBuckets,
      ordersPaid: sum((row) => row.orders),
      onTimeRate: delivered ? sum((row) => row.on_time) / delivered : null,
      meanQuoteConfidence: priced ? weightedConfidence / priced : null,
      reviewShare: priced ? sum((row) => row.reviewed) / priced : null,
    };
  }
}

import { given, givenOperator, type SignedIn } from '../support/given';
import { bootApi, createTestEnvironment, type RunningApi, type TestEnvironment } from '../support/harness';
import { APPLY, profile } from '../factories/factory-support';
import { boxStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';

const METRICS = `query M($days: Int) { platformMetrics(days: $days) {
  from to ordersPaid onTimeRate meanQuoteConfidence reviewShare confidenceBuckets
  days { day ordersPaid onTimeDeliveries lateDeliveries quotesPriced quotesReviewed meanQuoteConfidence }
  orderValue { day currency amountMinor } } }`;

const DAY = 86_400_000;
const daysAgo = (days: number, hour = 10) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days, hour));
};
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

describe('platform metrics (operators)', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let operator: SignedIn;
  let designer: SignedIn;

  beforeAll(async () => {
    env = await createTestEnvironment({ CERTIFICATE_SWEEP_CRON: 'off' });
    api = await bootApi(env.config);
    operator = await givenOperator(env.db, api.graphql);
    designer = await given.designer(api.graphql);
    const factoryAdmin = await given.factory(api.graphql);
    const applied = (await api.graphql.data(APPLY, { input: profile() }, factoryAdmin.accessToken)).applyAsFactory;
    const upload = await uploadPart(api.url, designer.accessToken, 'box.stl', boxStl([20, 20, 20]), { units: 'mm' });
    expect(upload.status).toBe(201);

    const order = (status: string, currency: string, total: number, paidAt: Date | null) =>
      env.db.query(
        `INSERT INTO orders (organization_id, placed_by, status, currency, subtotal_minor, total_minor, shipping_address, paid_at, cancelled_at)
         VALUES ($1, $2, $3, $4, $5, $5, '{}', $6, $7)`,
        [designer.organizationId, designer.userId, status, currency, total, paidAt, status === 'cancelled' ? new Date() : null],
      );
    await order('paid', 'EUR', 10_000, daysAgo(0, 1));
    await order('completed', 'EUR', 5_000, daysAgo(0, 23));
    await order('in_progress', 'USD', 7_000, daysAgo(2));
    await order('cancelled', 'EUR', 99_000, daysAgo(0)); // paid, then refunded: not counted
    await order('awaiting_payment', 'EUR', 42_000, null);
    await order('paid', 'EUR', 1_000, daysAgo(9)); // outside a week

    let revision = 0;
    const quote = (confidence: number, pricedAt: Date, status: string, reviewed: boolean) =>
      env.db.query(
        `INSERT INTO quotes (organization_id, part_id, part_revision_id, revision, request_key, config, status, result, confidence, currency, requested_by, priced_at, reviewed_at, expires_at)
         VALUES ($1, $2, $3, $4, repeat('k', 64), '{}', $5, '{}', $6, 'EUR', $7, $8, $9, now() + interval '30 days')`,
        [designer.organizationId, upload.body.partId, upload.body.revisionId, ++revision, status, confidence, designer.userId, pricedAt, reviewed ? pricedAt : null],
      );
    await quote(0.95, daysAgo(0), 'ready', false);
    await quote(0.45, daysAgo(0), 'needs_review', false);
    await quote(0.72, daysAgo(3), 'ready', true); // released by an operator
    await quote(0.1, daysAgo(20), 'ready', false); // outside a week

    const event = (kind: string, occurredAt: Date, ref: string, voided = false) =>
      env.db.query(
        `INSERT INTO factory_score_events (factory_id, kind, component, points, source_ref, occurred_at, voided_at, void_reason)
         VALUES ($1, $2, 'delivery', $3, $4, $5, $6, $7)`,
        [applied.id, kind, kind === 'delivery_on_time' ? 1 : 0, ref, occurredAt, voided ? new Date() : null, voided ? 'appeal upheld' : null],
      );
    await event('delivery_on_time', daysAgo(1), 'a');
    await event('delivery_on_time', daysAgo(1), 'b');
    await event('delivery_late', daysAgo(4), 'c');
    await event('delivery_late', daysAgo(4), 'd', true); // appeal upheld: does not count
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('counts paid orders, their value, on-time deliveries and quote confidence per UTC day', async () => {
    const metrics = (await api.graphql.data(METRICS, { days: 7 }, operator.accessToken)).platformMetrics;
    expect(metrics.days).toHaveLength(7);
    expect(metrics.days[6].day).toBe(isoDay(daysAgo(0)));
    expect(metrics.days[0].day).toBe(isoDay(daysAgo(6)));
    expect(Date.parse(metrics.to) - Date.parse(metrics.from)).toBe(7 * DAY);

    expect(metrics.ordersPaid).toBe(3);
    const today = metrics.days[6];
    expect(today).toMatchObject({ ordersPaid: 2, quotesPriced: 2, quotesReviewed: 1, onTimeDeliveries: 0 });
    expect(today.meanQuoteConfidence).toBeCloseTo(0.7, 5);
    expect(metrics.days[5]).toMatchObject({ onTimeDeliveries: 2, lateDeliveries: 0, ordersPaid: 0, quotesPriced: 0, meanQuoteConfidence: null });
    expect(metrics.days[2]).toMatchObject({ lateDeliveries: 1 });
    expect(metrics.orderValue).toEqual([
      { day: isoDay(daysAgo(2)), currency: 'USD', amountMinor: 7_000 },
      { day: isoDay(daysAgo(0)), currency: 'EUR', amountMinor: 15_000 },
    ]);

    expect(metrics.onTimeRate).toBeCloseTo(2 / 3, 5);
    expect(metrics.meanQuoteConfidence).toBeCloseTo((0.95 + 0.45 + 0.72) / 3, 5);
    expect(metrics.reviewShare).toBeCloseTo(2 / 3, 5);
    expect(metrics.confidenceBuckets).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0, 1]);

    const month = (await api.graphql.data(METRICS, { days: 30 }, operator.accessToken)).platformMetrics;
    expect(month.ordersPaid).toBe(4);
    expect(month.confidenceBuckets[1]).toBe(1);
  });

  it('answers operators only, and refuses a window it cannot show', async () => {
    expect((await api.graphql.request(METRICS, { days: 7 }, designer.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.graphql.request(METRICS, { days: 7 })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await api.graphql.request(METRICS, { days: 0 }, operator.accessToken);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toContain('1 to 366');
  });
});

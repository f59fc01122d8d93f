import { OutboxService, QueueRegistry, RequestContext } from '@partsmith/platform';
import { OrderFundedJob } from '@partsmith/payments';
import { DataSource } from 'typeorm';
import { boxStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';
import { PaymentsWorld } from '../payments/payments-world';
import { given, type SignedIn } from '../support/given';
import { eventually } from '../support/harness';

const REQUEST_QUOTE = `mutation Q($input: RequestQuoteInput!) { requestQuote(input: $input) { __typename ... on Quote { id status } ... on ErrorResult { errorCode message } } }`;
const QUOTE = `query Q($id: ID!) { quote(id: $id) { id status breaks { quantity unitPriceMinor totalMinor leadTimeDays } } }`;
const RELEASE = `mutation R($id: ID!) { releaseQuote(quoteId: $id, note: "checked by a test") { id status } }`;
const ORDER_FIELDS = `id status currency subtotalMinor totalMinor cancelReason requiredCertificates exportControlled allowSplitting previewLevelBeforeAward
  shippingAddress { name line1 city postalCode country }
  lines { lineNumber quoteId quantity unitPriceMinor totalMinor currency leadTimeDays configuration { process material inspection }
    jobLine { status dueDate quantity requiredCertificates inspectionLevel exportControlled allowSplitting previewLevel } }
  payment { status amountMinor currency clientSecret stripePaymentIntentId escrow { capturedMinor heldMinor refundedMinor } refunds { amountMinor status } }
  history { jobLineId fromStatus toStatus actorRole reason }`;
const PLACE = `mutation P($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename
  ... on Order { ${ORDER_FIELDS} } ... on ErrorResult { errorCode message } ... on InputValidationError { field } } }`;
const ORDER = `query O($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const ORDERS = `query { orders(first: 50) { totalCount edges { node { id status } } } }`;
const CANCEL = `mutation C($id: ID!, $reason: String!) { cancelOrder(orderId: $id, reason: $reason) { __typename
  ... on Order { ${ORDER_FIELDS} } ... on ErrorResult { errorCode message } } }`;

const address = { name: 'Aurora Robotics receiving', line1: 'Kungsgatan 1', city: 'Stockholm', postalCode: '111 43', country: 'se' };

describe('orders: checkout, payment, lifecycle and cancellation (API, worker, Stripe emulator)', () => {
  const world = new PaymentsWorld();
  let designer: SignedIn;
  let partId: string;
  let quantitySalt = 20;

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    partId = await analysedPart(designer);
  }, 90_000);
  afterAll(() => world.stop());

  const gql = (query: string, variables: Record<string, unknown>, token: string) => world.api.graphql.data(query, variables, token);

  async function analysedPart(owner: SignedIn): Promise<string> {
    const upload = await uploadPart(world.api.url, owner.accessToken, 'bracket.stl', boxStl([50, 30, 10]));
    await eventually(async () => {
      const [row] = await world.env.db.query(`SELECT status FROM part_revisions WHERE id = $1`, [upload.body.revisionId]);
      return row.status === 'analyzed' ? true : undefined;
    }, 20_000, 'analysis');
    return upload.body.partId;
  }

  /** A fresh ready quote (distinct quantities make a distinct quote); released by an operator if it fell to review. */
  async function readyQuote(owner = designer, part = partId) {
    const quantities = [1, 10, ++quantitySalt];
    const { requestQuote } = await gql(REQUEST_QUOTE, { input: { partId: part, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities } }, owner.accessToken);
    let quote = await eventually(async () => {
      const q = (await gql(QUOTE, { id: requestQuote.id }, owner.accessToken)).quote;
      return q.status === 'pending' ? undefined : q;
    }, 20_000, 'quote to be priced');
    if (quote.status === 'needs_review') {
      await gql(RELEASE, { id: quote.id }, world.operator.accessToken);
      quote = (await gql(QUOTE, { id: quote.id }, owner.accessToken)).quote;
    }
    expect(quote.status).toBe('ready');
    return quote as { id: string; breaks: Array<{ quantity: number; unitPriceMinor: number; totalMinor: number; leadTimeDays: number }> };
  }

  const input = (lines: Array<{ quoteId: string; quantity: number }>, extra: Record<string, unknown> = {}) => ({
    lines,
    shippingAddress: address,
    requiredCertificates: ['iso_9001'],
    exportControlled: false,
    allowSplitting: true,
    previewLevelBeforeAward: 'low_poly',
    ...extra,
  });

  const place = async (lines: Array<{ quoteId: string; quantity: number }>, owner = designer) => (await gql(PLACE, { input: input(lines) }, owner.accessToken)).placeOrder;
  const view = async (id: string, owner = designer) => (await gql(ORDER, { id }, owner.accessToken)).order;

  async function pay(order: { id: string; payment: { stripePaymentIntentId: string } }) {
    await world.stripe.paymentIntents.confirm(order.payment.stripePaymentIntentId, { payment_method: 'pm_card_visa' });
    return eventually(async () => {
      const current = await view(order.id);
      return current.status === 'paid' ? current : undefined;
    }, 20_000, `order ${order.id} to be paid`);
  }

  it('upload → quote → placeOrder → pay → webhook: the order is paid, each line a job line in sourcing, the ledger holds the total', async () => {
    const quote = await readyQuote();
    const quoteB = await readyQuote();
    const ten = quote.breaks.find((b) => b.quantity === 10)!;
    const one = quoteB.breaks.find((b) => b.quantity === 1)!;

    const placed = await place([{ quoteId: quote.id, quantity: 10 }, { quoteId: quoteB.id, quantity: 1 }]);
    expect(placed.__typename).toBe('Order');
    expect(placed).toMatchObject({
      status: 'awaiting_payment',
      currency: 'EUR',
      subtotalMinor: ten.totalMinor + one.totalMinor,
      totalMinor: ten.totalMinor + one.totalMinor,
      shippingAddress: { country: 'SE', city: 'Stockholm' },
      payment: { status: 'requires_payment', amountMinor: ten.totalMinor + one.totalMinor, currency: 'EUR', clientSecret: expect.stringMatching(/_secret_/) },
    });
    expect(placed.lines).toEqual([
      expect.objectContaining({ lineNumber: 1, quoteId: quote.id, quantity: 10, unitPriceMinor: ten.unitPriceMinor, totalMinor: ten.totalMinor, jobLine: null }),
      expect.objectContaining({ lineNumber: 2, quoteId: quoteB.id, quantity: 1, unitPriceMinor: one.unitPriceMinor, totalMinor: one.totalMinor, jobLine: null }),
    ]);
    expect((await gql(QUOTE, { id: quote.id }, designer.accessToken)).quote.status).toBe('ordered');

    const paid = await pay(placed);
    expect(paid.payment).toMatchObject({ status: 'succeeded', clientSecret: null, escrow: { capturedMinor: paid.totalMinor, heldMinor: paid.totalMinor } });
    expect(Math.abs(await world.balance(`designer_funds_held:${paid.id}`))).toBe(paid.totalMinor);
    for (const line of paid.lines) {
      expect(line.jobLine).toMatchObject({
        status: 'sourcing',
        quantity: line.quantity,
        requiredCertificates: ['iso_9001'],
        inspectionLevel: line.configuration.inspection,
        exportControlled: false,
        allowSplitting: true,
        previewLevel: 'low_poly',
      });
      const days = (Date.parse(line.jobLine.dueDate) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(line.leadTimeDays - 0.1);
      expect(days).toBeLessThanOrEqual((line.leadTimeDays * 7) / 5 + 3);
    }

    const history = paid.history.map((h: { jobLineId: string | null; fromStatus: string | null; toStatus: string }) => `${h.jobLineId ? 'line' : 'order'} ${h.fromStatus}→${h.toStatus}`);
    expect(history).toEqual(['order null→draft', 'order draft→awaiting_payment', 'order awaiting_payment→paid', 'line null→sourcing', 'line null→sourcing']);
    const audit = await world.env.db.query(
      `SELECT action, subject_type, details->>'from' AS "from", details->>'to' AS "to" FROM audit_log WHERE details->>'orderId' = $1 ORDER BY id`,
      [paid.id],
    );
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['job_line.sourcing', 'job_line.sourcing', 'order.awaiting_payment', 'order.draft', 'order.paid']);
    expect(audit).toContainEqual({ action: 'order.paid', subject_type: 'order', from: 'awaiting_payment', to: 'paid' });

    // Replays change nothing: every Stripe event again, and the funded message delivered twice more.
    for (const event of world.emulator.events()) world.emulator.webhooks.redeliver(event.id);
    const ctx = RequestContext.system(world.api.app.get(DataSource));
    const [payment] = await world.env.db.query(`SELECT id FROM payments WHERE order_id = $1`, [paid.id]);
    for (let i = 0; i < 2; i++) {
      await ctx.transaction(() => world.api.app.get(OutboxService).add(ctx, OrderFundedJob, { orderId: paid.id, paymentId: payment.id, amountMinor: paid.totalMinor, currency: 'EUR' }));
    }
    await world.settle();
    await eventually(async () => {
      const [{ n }] = await world.env.db.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);
      const counts = await world.worker.get(QueueRegistry).queue('orders').getJobCounts('waiting', 'active', 'delayed');
      return n + counts.waiting + counts.active + counts.delayed === 0 ? true : undefined;
    }, 20_000, 'orders queue to drain');
    const again = await view(paid.id);
    expect(again.history).toHaveLength(5);
    expect(again.lines.map((l: { jobLine: { status: string } }) => l.jobLine.status)).toEqual(['sourcing', 'sourcing']);
    const [{ n: jobLines }] = await world.env.db.query(`SELECT count(*)::int AS n FROM job_lines WHERE order_id = $1`, [paid.id]);
    expect(jobLines).toBe(2);

    const listed = (await gql(ORDERS, {}, designer.accessToken)).orders;
    expect(listed.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(paid.id);
  });

  it('takes prices from the quote only: a client-sent price is not part of the input, and a quantity must be a quoted break', async () => {
    const quote = await readyQuote();
    const forged = await world.api.graphql.request(PLACE, { input: input([{ quoteId: quote.id, quantity: 10, unitPriceMinor: 1 } as never]) }, designer.accessToken);
    expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const odd = await place([{ quoteId: quote.id, quantity: 7 }]);
    expect(odd).toMatchObject({ __typename: 'InputValidationError', field: 'lines[0].quantity', message: expect.stringMatching(/priced for 1, 10, \d+ pieces/) });
    const badCountry = (await gql(PLACE, { input: input([{ quoteId: quote.id, quantity: 10 }], { shippingAddress: { ...address, country: 'Sweden' } }) }, designer.accessToken)).placeOrder;
    expect(badCountry).toMatchObject({ __typename: 'InputValidationError', field: 'shippingAddress.country' });
    expect((await gql(QUOTE, { id: quote.id }, designer.accessToken)).quote.status).toBe('ready'); // nothing changed
  });

  it('refuses an expired quote with QuoteExpiredError and a quote that is not ready with QuoteNotOrderableError', async () => {
    const expired = await readyQuote();
    await world.env.db.query(`UPDATE quotes SET created_at = now() - interval '40 days', expires_at = now() - interval '1 day' WHERE id = $1`, [expired.id]);
    expect(await place([{ quoteId: expired.id, quantity: 10 }])).toMatchObject({ __typename: 'QuoteExpiredError', errorCode: 'QUOTE_EXPIRED', message: expect.stringMatching(/request a new quote/) });

    const review = await readyQuote();
    await world.env.db.query(`UPDATE quotes SET status = 'needs_review' WHERE id = $1`, [review.id]);
    expect(await place([{ quoteId: review.id, quantity: 1 }])).toMatchObject({ __typename: 'QuoteNotOrderableError', message: expect.stringMatching(/waiting for an operator/) });
    const [{ n }] = await world.env.db.query(`SELECT count(*)::int AS n FROM order_lines WHERE quote_id = ANY($1)`, [[expired.id, review.id]]);
    expect(n).toBe(0);
  });

  it('orders a quote at most once, even when two checkouts race for it', async () => {
    const quote = await readyQuote();
    const results = await Promise.all([place([{ quoteId: quote.id, quantity: 1 }]), place([{ quoteId: quote.id, quantity: 10 }])]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['Order', 'QuoteNotOrderableError']);
    expect(results.find((r) => r.__typename === 'QuoteNotOrderableError').message).toMatch(/already ordered/);
    const [{ n }] = await world.env.db.query(`SELECT count(*)::int AS n FROM order_lines WHERE quote_id = $1`, [quote.id]);
    expect(n).toBe(1);
    // Asking again for the same configuration gives a fresh quote to order, not the spent one.
    const [{ config }] = await world.env.db.query(`SELECT config FROM quotes WHERE id = $1`, [quote.id]);
    const again = (await gql(REQUEST_QUOTE, { input: { partId, process: config.process, material: config.material, quantities: config.quantities } }, designer.accessToken)).requestQuote;
    expect(again).toMatchObject({ __typename: 'Quote', status: 'pending' });
    expect(again.id).not.toBe(quote.id);
  });

  it('cancel before award: the paid order is refunded in full, its job lines cancelled, and reconciliation finds nothing', async () => {
    const quote = await readyQuote();
    const paid = await pay(await place([{ quoteId: quote.id, quantity: 10 }]));
    const cancelled = (await gql(CANCEL, { id: paid.id, reason: 'design changed' }, designer.accessToken)).cancelOrder;
    expect(cancelled).toMatchObject({ __typename: 'Order', status: 'cancelled', cancelReason: 'design changed' });
    expect(cancelled.lines[0].jobLine.status).toBe('cancelled');
    expect(cancelled.history.slice(-2).map((h: { fromStatus: string; toStatus: string; actorRole: string }) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      ['sourcing', 'cancelled', 'designer'],
      ['paid', 'cancelled', 'designer'],
    ]);
    await world.settle();
    const after = await view(paid.id);
    expect(after.payment.refunds).toEqual([{ amountMinor: paid.totalMinor, status: 'succeeded' }]);
    expect(after.payment.escrow).toMatchObject({ capturedMinor: paid.totalMinor, refundedMinor: paid.totalMinor, heldMinor: 0 });
    // Cancelling again is a no-op; an illegal move is never silent.
    expect((await gql(CANCEL, { id: paid.id, reason: 'again' }, designer.accessToken)).cancelOrder).toMatchObject({ status: 'cancelled', cancelReason: 'design changed' });
    expect(await world.reconcile()).toEqual([]);
  });

  it('cancel before payment cancels the PaymentIntent; after award the designer is told the policy', async () => {
    const unpaid = await place([{ quoteId: (await readyQuote()).id, quantity: 1 }]);
    const cancelled = (await gql(CANCEL, { id: unpaid.id, reason: 'ordered by mistake' }, designer.accessToken)).cancelOrder;
    expect(cancelled).toMatchObject({ status: 'cancelled', payment: { status: 'canceled', clientSecret: null } });

    const paid = await pay(await place([{ quoteId: (await readyQuote()).id, quantity: 1 }]));
    await world.env.db.query(`UPDATE job_lines SET status = 'awarded' WHERE order_id = $1`, [paid.id]); // sourcing is a later issue
    const refused = (await gql(CANCEL, { id: paid.id, reason: 'too late' }, designer.accessToken)).cancelOrder;
    expect(refused).toMatchObject({ __typename: 'OrderNotCancellableError', errorCode: 'ORDER_NOT_CANCELLABLE', message: expect.stringMatching(/operations.*cancelJobLine.*production has started/) });
    expect((await view(paid.id)).status).toBe('paid');
  });

  it('shows an order to its own organisation and operators only', async () => {
    const placed = await place([{ quoteId: (await readyQuote()).id, quantity: 1 }]);
    const stranger = await world.designer();
    const factory = await given.factory(world.api.graphql);
    for (const outsider of [stranger, factory]) {
      const peek = await world.api.graphql.request(ORDER, { id: placed.id }, outsider.accessToken);
      expect(peek.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const cancel = await world.api.graphql.request(CANCEL, { id: placed.id, reason: 'mine now' }, outsider.accessToken);
      expect(cancel.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    }
    expect((await gql(ORDERS, {}, stranger.accessToken)).orders).toMatchObject({ totalCount: 0, edges: [] });
    expect((await world.api.graphql.request(ORDERS, {}, factory.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another designer cannot order someone else's quote either.
    const foreign = await world.api.graphql.request(PLACE, { input: input([{ quoteId: (await readyQuote()).id, quantity: 1 }]) }, stranger.accessToken);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const operatorView = await view(placed.id, world.operator);
    expect(operatorView).toMatchObject({ id: placed.id, payment: { clientSecret: null } });
    expect((await gql(ORDERS, {}, world.operator.accessToken)).orders.totalCount).toBeGreaterThanOrEqual(1);
    expect((await view(placed.id)).payment.clientSecret).toMatch(/_secret_/);
  });
});

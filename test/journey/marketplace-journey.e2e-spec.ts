import { outboxJobId, QueueRegistry } from '@partsmith/platform';
import { stepBox } from '../../libs/geometry/src/__fixtures__/step-box';
import { boxStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';
import { ACCEPT_DELIVERY, DELIVERED, DISPUTE, JPEG, MILESTONE, PDF, PNG, PROGRESS, ProductionWorld, RESOLVE, RESPOND, SHIP } from '../production-tracking/production-world';
import { ACCEPT, BOARD, DECLINE, ERR, JOB, LINK, NDA, type ReadyFactory } from '../sourcing/sourcing-world';
import type { SignedIn } from '../support/given';
import { eventually } from '../support/harness';

/*
 * Issue 9's journey, over HTTP as the three roles: API and worker on real PostgreSQL and Redis, payments
 * against the Stripe emulator. Two designer organisations, three factories (Gamma holds no ISO 9001, so it
 * is never eligible for the order; Alpha and Beta cannot each make the large line by its due date, and the
 * first one offered the cascade line declines it for lack of capacity), an operator.
 *
 * One order, three lines: an STL bracket ×10 by offer cascade (a decline, then an acceptance), a STEP block
 * ×5 by sealed-bid RFQ (then disputed and split 60/40 by the operator), the STL bracket ×400 split across
 * Alpha and Beta (one part accepted by the designer, the other automatically when the window closes).
 *
 * Direct SQL writes: only `world.clusterOnlyDue` (test-only time travel shared with the splitting spec: it
 * moves the large line's due date to one no single factory can meet, and forgets the sourcing job it opened
 * to find it). Everything else goes through the API; raw SQL only reads for assertions.
 */

const PART = `query P($id: ID!) { part(id: $id) { id name currentRevision { id status analysis { format units volumeMm3 bbox { size } watertight } } } }`;
const PARTS = `{ parts(first: 10) { totalCount edges { node { id } } } }`;
const PLACE = `mutation P($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename
  ... on Order { id status totalMinor currency payment { stripePaymentIntentId amountMinor } } ${ERR} ... on InputValidationError { field } } }`;
const ORDER = `query O($id: ID!) { order(id: $id) { id status currency totalMinor
  lines { lineNumber quoteId quantity totalMinor jobLine { id status quantity splitOf dueDate } }
  payment { status amountMinor escrow { capturedMinor heldMinor refundedMinor } } history { jobLineId fromStatus toStatus } } }`;
const ORDERS = `{ orders(first: 10) { totalCount edges { node { id } } } }`;
const BID_FIELDS = 'id jobLineId factoryId status priceMinor leadTimeDays score rank';
const CHOOSE = `mutation M($input: ChooseAwardModeInput!) { chooseAwardMode(input: $input) { __typename ... on SourcingJob { id mode status } ${ERR} ... on InputValidationError { field } } }`;
const BID = `mutation B($input: PlaceBidInput!) { placeBid(input: $input) { __typename ... on Bid { ${BID_FIELDS} } ${ERR} ... on InputValidationError { field } } }`;
const BIDS = `query J($id: ID!) { sourcingJob(jobLineId: $id) { id mode biddingClosedAt bids { ${BID_FIELDS} } } }`;
const MY_BIDS = `{ myBids { id jobLineId } }`;
const PICK = `mutation P($id: ID!) { pickBid(bidId: $id) { __typename ... on Award { id jobLineId factoryId mode payoutMinor } ${ERR} } }`;
const SCHEDULE = `query J($id: ID!) { jobLineSchedule(jobLineId: $id) { jobLineId promisedShipDate atRisk } }`;
const JOB_THREAD = `query T($id: ID!) { jobLineThread(jobLineId: $id) { id kind jobLineId youAppearAs canPost } }`;
const THREAD = `query T($id: ID!) { messageThread(id: $id) { id messages(first: 20) { totalCount edges { node { body authorLabel fromYourOrganization contactDetailsRemoved } } } } }`;
const POST = `mutation P($threadId: ID!, $body: String!) { postMessage(threadId: $threadId, body: $body) { __typename ... on Message { id body contactDetailsRemoved } ${ERR} } }`;
const REVIEW = `mutation R($input: ReviewJobLineInput!) { reviewJobLine(input: $input) { __typename ... on JobLineReview { id factoryId quality communication timeliness } ${ERR} } }`;
const RESPOND_REVIEW = `mutation R($id: ID!, $response: String!) { respondToReview(reviewId: $id, response: $response) { __typename ... on JobLineReview { id response } ${ERR} } }`;
const SUMMARY = `query S($factoryId: ID) { factoryReviewSummary(factoryId: $factoryId) { count quality communication timeliness } }`;
const SCORECARD = `{ myFactory { scorecard { averageStars components { component count } } } }`;

const SHIPPING = { name: 'Receiving', line1: 'Kungsgatan 1', city: 'Stockholm', postalCode: '111 43', country: 'SE' };
const CONFIG = { process: 'cnc_milling_3axis', material: 'aluminum_6061', inspection: 'cmm_report' };
const MEASUREMENTS = [{ feature: 'pocket depth', nominalMm: 8, measuredMm: 8.35, toleranceMm: 0.1 }];

interface Line {
  name: string;
  jobLineId: string;
  winner: ReadyFactory;
  loser: ReadyFactory;
  payoutMinor: number;
  grossMinor: number;
}

describe('the marketplace journey: upload → quote → checkout → pay → source → schedule → make → inspect → ship → accept / dispute → transfer → review', () => {
  const world = new ProductionWorld();
  let buyer: SignedIn;
  let otherBuyer: SignedIn;
  let alpha: ReadyFactory;
  let beta: ReadyFactory;
  let gamma: ReadyFactory;
  let operator: SignedIn;
  const byFactory = new Map<string, ReadyFactory>();
  const other = (f: ReadyFactory) => (f === alpha ? beta : alpha);

  const stl = { bytes: boxStl([50, 30, 10]), partId: '', revisionId: '' };
  const stp = { bytes: Buffer.from(stepBox([40, 25, 12])), partId: '', revisionId: '' };
  let orderId: string;
  let orderTotal: number;
  let cascadeLineId: string;
  let rfqLineId: string;
  let bigLineId: string;
  const lines: Record<'cascade' | 'rfq' | 'splitA' | 'splitB', Line> = {} as never;
  let rfqDisputeId: string;
  let threadId: string;

  const as = (who: SignedIn, query: string, variables: Record<string, unknown> = {}) => world.as(who, query, variables);
  const codeOf = (who: SignedIn, query: string, variables: Record<string, unknown>) => world.errorCode(who, query, variables);
  const allocation = async (jobLineId: string) =>
    (await world.env.db.query(`SELECT gross_minor::int AS gross, payout_minor::int AS payout, status FROM escrow_allocations WHERE allocation_key = $1`, [jobLineId]))[0] as {
      gross: number;
      payout: number;
      status: string;
    };

  /** The journey is one story: once a step fails, the later ones report that instead of failing on its leftovers. */
  let broken: string | undefined;
  const step = (name: string, fn: () => Promise<void>, timeoutMs: number) =>
    it(name, async () => {
      if (broken) throw new Error(`not run: the step "${broken}" failed`);
      try {
        await fn();
      } catch (error) {
        broken = name;
        throw error;
      }
    }, timeoutMs);

  beforeAll(async () => {
    await world.start({
      FACTORY_PROBATION_MAX_JOB_VALUE_MINOR: '1000000000', // the 400-part line is worth more than a probation factory may take by default
      ACCEPTANCE_WINDOW_SECONDS: '20',
      CERTIFICATE_SWEEP_CRON: 'off',
    });
    operator = world.operator;
    [buyer, otherBuyer] = [await world.designer(), await world.designer()];
    world.buyer = buyer;
    world.otherBuyer = otherBuyer;
    alpha = await world.factory();
    beta = await world.factory();
    gamma = await world.factory({ certificate: null }); // capable and payable, but no ISO 9001
    for (const f of [alpha, beta, gamma]) byFactory.set(f.factoryId, f);
    world.factories = [alpha, beta];
  }, 240_000);
  afterAll(() => world.stop());

  step('uploads an STL and a STEP file; the geometry worker analyses both; the other designer sees neither', async () => {
    const up1 = await uploadPart(world.api.url, buyer.accessToken, 'bracket.stl', stl.bytes, { units: 'mm' });
    const up2 = await uploadPart(world.api.url, buyer.accessToken, 'block.step', stp.bytes);
    expect([up1.status, up2.status]).toEqual([201, 201]);
    Object.assign(stl, { partId: up1.body.partId, revisionId: up1.body.revisionId });
    Object.assign(stp, { partId: up2.body.partId, revisionId: up2.body.revisionId });
    await world.untilAnalysed(stl.revisionId, 60_000);
    await world.untilAnalysed(stp.revisionId, 60_000);

    const stlPart = (await as(buyer, PART, { id: stl.partId })).part;
    expect(stlPart.currentRevision).toMatchObject({ status: 'analyzed', analysis: { format: 'stl-binary', watertight: true } });
    expect(stlPart.currentRevision.analysis.volumeMm3).toBeCloseTo(50 * 30 * 10, 0);
    expect(stlPart.currentRevision.analysis.bbox.size).toEqual([50, 30, 10]);
    const stepPart = (await as(buyer, PART, { id: stp.partId })).part;
    expect(stepPart.currentRevision).toMatchObject({ status: 'analyzed', analysis: { format: 'step', units: 'mm' } });
    expect(stepPart.currentRevision.analysis.volumeMm3).toBeCloseTo(40 * 25 * 12, 0);

    // The other designer organisation: its own part only; the first one's are refused, files included (parts answer FORBIDDEN, as the intake spec pins).
    const own = await uploadPart(world.api.url, otherBuyer.accessToken, 'other.stl', boxStl([20, 20, 20]), { units: 'mm' });
    expect(own.status).toBe(201);
    expect((await as(otherBuyer, PARTS)).parts).toMatchObject({ totalCount: 1, edges: [{ node: { id: own.body.partId } }] });
    expect((await as(buyer, PARTS)).parts.totalCount).toBe(2);
    for (const id of [stl.partId, stp.partId]) {
      const read = await world.request(PART, { id }, otherBuyer);
      expect([read.data?.part ?? null, read.errors?.[0].extensions?.code]).toEqual([null, 'FORBIDDEN']);
    }
    for (const who of [otherBuyer, alpha]) for (const rev of [stl.revisionId, stp.revisionId]) expect((await world.download(`/parts/revisions/${rev}/file`, who)).status).toBe(403);
  }, 120_000);

  step('quotes the three lines, checks out one order (totals from the quotes), pays at the emulator; the order is paid and each line in sourcing', async () => {
    const cascadeQuote = await world.readyQuote(buyer, { partId: stl.partId, ...CONFIG, quantities: [10] });
    const rfqQuote = await world.readyQuote(buyer, { partId: stp.partId, ...CONFIG, quantities: [5] });
    const bigQuote = await world.readyQuote(buyer, { partId: stl.partId, ...CONFIG, quantities: [400] });
    const totals = [cascadeQuote, rfqQuote, bigQuote].map((q) => q.breaks[0].totalMinor);
    for (const t of totals) expect(t).toBeGreaterThan(0);
    orderTotal = totals.reduce((s, t) => s + t, 0);

    // The other designer cannot order the first one's quote.
    expect(await codeOf(otherBuyer, PLACE, { input: { lines: [{ quoteId: cascadeQuote.id, quantity: 10 }], shippingAddress: SHIPPING, previewLevelBeforeAward: 'low_poly' } })).toBe('NOT_FOUND');

    const input = {
      lines: [
        { quoteId: cascadeQuote.id, quantity: 10 },
        { quoteId: rfqQuote.id, quantity: 5 },
        { quoteId: bigQuote.id, quantity: 400 },
      ],
      shippingAddress: SHIPPING,
      requiredCertificates: ['iso_9001'],
      inspectionLevel: 'cmm_report',
      exportControlled: false,
      allowSplitting: true,
      previewLevelBeforeAward: 'low_poly',
    };
    const placed = (await as(buyer, PLACE, { input })).placeOrder;
    expect(placed).toMatchObject({ __typename: 'Order', status: 'awaiting_payment', totalMinor: orderTotal, currency: 'EUR', payment: { amountMinor: orderTotal } });
    orderId = placed.id;
    await world.stripe.paymentIntents.confirm(placed.payment.stripePaymentIntentId, { payment_method: 'pm_card_visa' });
    const order = await eventually(async () => {
      const o = (await as(buyer, ORDER, { id: orderId })).order;
      return o.status === 'paid' && o.lines.every((l: any) => l.jobLine) ? o : undefined;
    }, 30_000, 'the order to be paid');
    expect(order.payment).toMatchObject({ status: 'succeeded', amountMinor: orderTotal, escrow: { capturedMinor: orderTotal, heldMinor: orderTotal, refundedMinor: 0 } });
    expect(order.lines.map((l: any) => [l.quantity, l.totalMinor, l.jobLine.status])).toEqual([
      [10, totals[0], 'sourcing'],
      [5, totals[1], 'sourcing'],
      [400, totals[2], 'sourcing'],
    ]);
    [cascadeLineId, rfqLineId, bigLineId] = order.lines.map((l: any) => l.jobLine.id);
    expect(await world.held(orderId)).toBe(orderTotal);

    // Nothing of it for the other designer.
    expect(await codeOf(otherBuyer, ORDER, { id: orderId })).toBe('NOT_FOUND');
    expect((await as(otherBuyer, ORDERS)).orders.totalCount).toBe(0);
    expect((await as(buyer, ORDERS)).orders.totalCount).toBe(1);
  }, 120_000);

  step('sources the order: the large line splits across Alpha and Beta, the others are offered; the uncertified factory never sees a job', async () => {
    // Test-only time travel (as the splitting spec): the large line due so soon that only the cluster makes it.
    const decision = await world.clusterOnlyDue(bigLineId);
    const capacity = new Map(decision.capacities.map((c) => [c.candidate.factoryId, c.units]));
    expect([...capacity.keys()].sort()).toEqual([alpha.factoryId, beta.factoryId].sort());
    expect(Math.max(...capacity.values())).toBeLessThan(400);
    await world.asFreshlyPaid(bigLineId);

    expect(await world.sweep()).toMatchObject({ opened: 3 });
    expect(await world.jobLineStatus(bigLineId)).toBe('split');
    const parts: Array<{ id: string; quantity: number; offer_id: string; factory_id: string; gross: number; payout: number }> = await world.env.db.query(
      `SELECT j.id, j.quantity, o.id AS offer_id, o.factory_id, s.gross_minor::int AS gross, s.payout_minor::int AS payout
         FROM job_lines j JOIN sourcing_jobs s ON s.job_line_id = j.id JOIN offers o ON o.job_line_id = j.id AND o.status = 'open'
        WHERE j.split_of = $1 ORDER BY j.quantity DESC`,
      [bigLineId],
    );
    expect(parts).toHaveLength(2);
    expect(parts[0].quantity + parts[1].quantity).toBe(400);
    expect(new Set(parts.map((p) => p.factory_id))).toEqual(new Set([alpha.factoryId, beta.factoryId]));
    for (const p of parts) expect(p.quantity).toBeLessThanOrEqual(capacity.get(p.factory_id)!);
    const [bigAllocationGross] = await world.env.db.query(`SELECT gross_minor::int AS gross FROM sourcing_jobs WHERE job_line_id = $1`, [bigLineId]);
    expect(parts[0].gross + parts[1].gross).toBe(bigAllocationGross.gross);

    // The two small lines are not split: one open cascade offer each.
    for (const id of [cascadeLineId, rfqLineId]) {
      expect(await world.jobLineStatus(id)).toBe('sourcing');
      expect((await world.openOffer(id))?.factory_id).toMatch(new RegExp(`^(${alpha.factoryId}|${beta.factoryId})$`));
    }

    // Gamma (no ISO 9001) sees no job on its board, and any job looks missing; Alpha and Beta see theirs.
    expect((await as(gamma, BOARD)).jobBoard.totalCount).toBe(0);
    for (const id of [cascadeLineId, rfqLineId, ...parts.map((p) => p.id)]) expect(await codeOf(gamma, JOB, { id })).toBe('NOT_FOUND');
    expect((await as(alpha, BOARD)).jobBoard.totalCount).toBeGreaterThanOrEqual(2);
    // Nor does the other designer.
    expect((await as(otherBuyer, BOARD)).jobBoard.totalCount).toBe(0);

    // Each factory accepts its part of the split line.
    const [a, b] = parts;
    for (const [key, p] of [['splitA', a], ['splitB', b]] as const) {
      const winner = byFactory.get(p.factory_id)!;
      const award = (await as(winner, ACCEPT, { id: p.offer_id })).acceptOffer;
      expect(award).toMatchObject({ __typename: 'Award', jobLineId: p.id, factoryId: winner.factoryId, payoutMinor: p.payout });
      lines[key] = { name: key, jobLineId: p.id, winner, loser: other(winner), payoutMinor: p.payout, grossMinor: p.gross };
    }
  }, 180_000);

  step('offer cascade: the first factory offered declines (no capacity), the next accepts', async () => {
    const first = (await world.openOffer(cascadeLineId))!;
    const decliner = byFactory.get(first.factory_id)!;
    expect((await as(decliner, DECLINE, { id: first.id })).declineOffer).toMatchObject({ __typename: 'Offer', status: 'declined' });
    const second = await eventually(async () => world.openOffer(cascadeLineId), 10_000, 'the next offer');
    expect(second.factory_id).toBe(other(decliner).factoryId);
    const winner = other(decliner);
    // The decliner can no longer take it.
    expect((await as(decliner, ACCEPT, { id: first.id })).acceptOffer.__typename).not.toBe('Award');
    const award = (await as(winner, ACCEPT, { id: second.id })).acceptOffer;
    expect(award).toMatchObject({ __typename: 'Award', jobLineId: cascadeLineId, factoryId: winner.factoryId, mode: 'offer_cascade' });
    // A factory never sees another's offers or the award: the decliner's view has only its own (declined) offer.
    const seenByLoser = await world.api.graphql.request(JOB, { id: cascadeLineId }, decliner.accessToken);
    if (seenByLoser.data?.sourcingJob) {
      expect(seenByLoser.data.sourcingJob.offers.map((o: any) => o.factoryId)).toEqual([decliner.factoryId]);
      expect(seenByLoser.data.sourcingJob.award).toBeNull();
    } else {
      expect(seenByLoser.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const alloc = await allocation(cascadeLineId);
    lines.cascade = { name: 'cascade', jobLineId: cascadeLineId, winner, loser: decliner, payoutMinor: award.payoutMinor, grossMinor: alloc.gross };
    expect(alloc).toMatchObject({ payout: award.payoutMinor, status: 'held' });
  }, 60_000);

  step('sealed-bid RFQ: both factories bid, neither sees the other’s bid, the designer picks the best after close', async () => {
    const closesAt = new Date(Date.now() + 6_000).toISOString();
    expect((await as(buyer, CHOOSE, { input: { jobLineId: rfqLineId, mode: 'sealed_bid', biddingClosesAt: closesAt } })).chooseAwardMode).toMatchObject({
      __typename: 'SourcingJob',
      mode: 'sealed_bid',
      status: 'open',
    });
    expect(await world.openOffer(rfqLineId)).toBeUndefined();
    const [job] = await world.env.db.query(`SELECT payout_minor::int AS payout FROM sourcing_jobs WHERE job_line_id = $1`, [rfqLineId]);
    const alphaBid = (await as(alpha, BID, { input: { jobLineId: rfqLineId, priceMinor: job.payout - 300, leadTimeDays: 4 } })).placeBid;
    const betaBid = (await as(beta, BID, { input: { jobLineId: rfqLineId, priceMinor: job.payout - 100, leadTimeDays: 4 } })).placeBid;
    expect([alphaBid.__typename, betaBid.__typename]).toEqual(['Bid', 'Bid']);
    expect((await as(gamma, BID, { input: { jobLineId: rfqLineId, priceMinor: job.payout - 500, leadTimeDays: 2 } })).placeBid.__typename).toBe('NotEligibleError');

    // Sealed: each factory sees only its own bid, the designer none before close.
    expect((await as(alpha, BIDS, { id: rfqLineId })).sourcingJob.bids.map((b: any) => b.id)).toEqual([alphaBid.id]);
    expect((await as(beta, BIDS, { id: rfqLineId })).sourcingJob.bids.map((b: any) => b.id)).toEqual([betaBid.id]);
    expect((await as(alpha, MY_BIDS)).myBids.map((b: any) => b.id)).toEqual([alphaBid.id]);
    expect((await as(beta, MY_BIDS)).myBids.map((b: any) => b.id)).toEqual([betaBid.id]);
    expect((await as(buyer, BIDS, { id: rfqLineId })).sourcingJob.bids).toEqual([]);
    expect(await codeOf(otherBuyer, BIDS, { id: rfqLineId })).toBe('NOT_FOUND');

    const ranked = await eventually(async () => {
      const seen = (await as(buyer, BIDS, { id: rfqLineId })).sourcingJob;
      return seen.biddingClosedAt && seen.bids.length === 2 ? seen.bids : undefined;
    }, 60_000, 'bidding to close').catch(async (error) => {
      const close = await world.env.db.query(`SELECT id, sent_at, created_at FROM outbox WHERE name = 'sourcing.rfq.close'`);
      const jobs = await Promise.all(close.map(async (row: any) => {
        const job = await world.worker.get(QueueRegistry).queue('sourcing').getJob(outboxJobId(String(row.id)));
        return { ...row, state: await job?.getState(), failedReason: job?.failedReason, attempts: job?.attemptsMade, processedOn: job?.processedOn, timestamp: job?.timestamp, delay: job?.opts.delay };
      }));
      throw new Error(`${(error as Error).message}; close jobs: ${JSON.stringify(jobs)}; now ${new Date().toISOString()}`);
    });
    expect(ranked.map((b: any) => b.rank)).toEqual([1, 2]);
    expect(ranked[0].id).toBe(alphaBid.id); // cheaper, same lead time
    // Still sealed for the factories after close.
    expect((await as(beta, BIDS, { id: rfqLineId })).sourcingJob.bids.map((b: any) => b.id)).toEqual([betaBid.id]);

    const award = (await as(buyer, PICK, { id: alphaBid.id })).pickBid;
    expect(award).toMatchObject({ __typename: 'Award', jobLineId: rfqLineId, factoryId: alpha.factoryId, mode: 'sealed_bid', payoutMinor: job.payout - 300 });
    const alloc = await allocation(rfqLineId);
    expect(alloc.payout).toBe(job.payout - 300);
    lines.rfq = { name: 'rfq', jobLineId: rfqLineId, winner: alpha, loser: beta, payoutMinor: award.payoutMinor, grossMinor: alloc.gross };
  }, 90_000);

  step('every awarded line is scheduled with a promised date; the designer sees the date, nobody else outside the line', async () => {
    for (const line of Object.values(lines)) {
      await world.untilStatus(line.jobLineId, 'scheduled', 60_000);
      const schedule = (await as(buyer, SCHEDULE, { id: line.jobLineId })).jobLineSchedule;
      expect(schedule).toMatchObject({ jobLineId: line.jobLineId, promisedShipDate: expect.any(String) });
      expect(Number.isNaN(Date.parse(schedule.promisedShipDate))).toBe(false);
      expect((await as(line.winner, SCHEDULE, { id: line.jobLineId })).jobLineSchedule.promisedShipDate).toBe(schedule.promisedShipDate);
      expect(await codeOf(otherBuyer, SCHEDULE, { id: line.jobLineId })).toBe('NOT_FOUND');
      expect(await codeOf(gamma, SCHEDULE, { id: line.jobLineId })).toBe('NOT_FOUND');
    }
    expect((await as(buyer, ORDER, { id: orderId })).order.status).toBe('in_progress');
  }, 120_000);

  step('only the winner downloads the CAD file, after the NDA; a losing factory is refused the link and the file', async () => {
    for (const line of [lines.cascade, lines.rfq]) {
      const { jobLineId, winner, loser } = line;
      expect((await as(loser, LINK, { id: jobLineId })).cadDownloadLink.__typename).toBe('NotAwardedError');
      expect((await as(loser, NDA, { id: jobLineId })).acceptNda.__typename).toBe('NotAwardedError');
      expect((await as(gamma, LINK, { id: jobLineId })).cadDownloadLink.__typename).toBe('NotAwardedError');
      expect((await as(winner, LINK, { id: jobLineId })).cadDownloadLink.__typename).toBe('NdaRequiredError');
      expect((await as(winner, NDA, { id: jobLineId })).acceptNda).toMatchObject({ __typename: 'Award', ndaAcceptedBy: winner.userId });
      const link = (await as(winner, LINK, { id: jobLineId })).cadDownloadLink;
      expect(link.__typename).toBe('CadDownloadLink');
      const file = await fetch(`${world.api.url}${link.url}`);
      expect(file.status).toBe(200);
      const expected = jobLineId === lines.rfq.jobLineId ? stp.bytes : stl.bytes;
      expect(Buffer.from(await file.arrayBuffer()).equals(expected)).toBe(true);
      // The winner's link re-pointed at the loser is refused; so is the designer's own file route.
      const moved = new URL(`${world.api.url}${link.url}`);
      moved.searchParams.set('factory', loser.organizationId);
      expect((await fetch(moved)).status).toBe(403);
      const revisionId = jobLineId === lines.rfq.jobLineId ? stp.revisionId : stl.revisionId;
      expect((await world.download(`/parts/revisions/${revisionId}/file`, loser)).status).toBe(403);
    }
    const downloads = await world.env.db.query(
      `SELECT details->>'factoryOrganizationId' AS factory FROM audit_log WHERE action = 'part.cad_accessed' AND details->>'what' = 'file' AND details->>'via' = 'signed_link'`,
    );
    expect(downloads.map((d: any) => d.factory).sort()).toEqual([lines.cascade.winner.organizationId, alpha.organizationId].sort());
  }, 60_000);

  step('one thread per job line between the designer and the winner; contact details masked; the loser and the other designer see nothing', async () => {
    const { jobLineId, winner, loser } = lines.cascade;
    const thread = (await as(buyer, JOB_THREAD, { id: jobLineId })).jobLineThread;
    expect(thread).toMatchObject({ kind: 'job_line', jobLineId, canPost: true });
    threadId = thread.id;
    expect((await as(winner, JOB_THREAD, { id: jobLineId })).jobLineThread.id).toBe(threadId);
    const posted = (await as(buyer, POST, { threadId, body: 'Please deburr all edges. Questions: jane@aurora.example or +46 70 123 45 67' })).postMessage;
    expect(posted).toMatchObject({ __typename: 'Message', contactDetailsRemoved: true });
    expect(posted.body).not.toContain('jane@aurora.example');
    expect(posted.body).not.toContain('123 45 67');
    expect((await as(winner, POST, { threadId, body: 'Will do, material is on order.' })).postMessage.__typename).toBe('Message');
    const read = (await as(winner, THREAD, { id: threadId })).messageThread.messages;
    expect(read.totalCount).toBe(2);
    expect((await as(operator, THREAD, { id: threadId })).messageThread.messages.totalCount).toBe(2);
    for (const who of [loser, otherBuyer, gamma]) {
      expect(await codeOf(who, THREAD, { id: threadId })).toBe('NOT_FOUND');
      expect(await codeOf(who, JOB_THREAD, { id: jobLineId })).toBe('NOT_FOUND');
      expect(await codeOf(who, POST, { threadId, body: 'hello' })).toBe('NOT_FOUND');
    }
  }, 60_000);

  step('production: milestones with photos, the CMM report the order’s level needs, shipment', async () => {
    for (const line of Object.values(lines)) {
      const { jobLineId, winner, loser } = line;
      const milestones: string[] = [];
      for (const kind of ['material_received', 'in_production', 'quality_check']) {
        const m = (await as(winner, MILESTONE, { id: jobLineId, kind })).postMilestone;
        expect(m).toMatchObject({ __typename: 'JobLineMilestone', kind });
        milestones.push(m.id);
      }
      expect(await codeOf(loser, MILESTONE, { id: jobLineId, kind: 'packed' })).toBe('NOT_FOUND');
      expect((await world.upload(`/production/job-lines/${jobLineId}/milestones/${milestones[1]}/photos`, winner, 'on-the-mill.png', PNG)).status).toBe(201);
      // No CMM report yet: shipping is refused.
      expect((await as(winner, SHIP, { id: jobLineId })).shipJobLine).toMatchObject({ __typename: 'InspectionEvidenceMissingError' });
      const reportPath = `/production/job-lines/${jobLineId}/inspection-evidence`;
      expect((await world.upload(reportPath, loser, 'cmm.pdf', PDF, { kind: 'cmm_report' })).status).toBe(404);
      expect((await world.upload(reportPath, winner, 'cmm-report.pdf', PDF, { kind: 'cmm_report' })).body).toMatchObject({ purpose: 'inspection_report', inspectionKind: 'cmm_report' });
      expect((await as(winner, MILESTONE, { id: jobLineId, kind: 'packed' })).postMilestone.__typename).toBe('JobLineMilestone');
      expect((await as(winner, SHIP, { id: jobLineId })).shipJobLine).toMatchObject({ __typename: 'JobLineProgress', status: 'shipped' });
      const progress = (await as(buyer, PROGRESS, { id: jobLineId })).jobLineProgress;
      expect(progress).toMatchObject({ status: 'shipped', requiredInspectionReport: 'cmm_report', factoryId: winner.factoryId, shipment: { carrier: 'DHL Express', trackingNumber: 'JD014600003828' } });
      expect(progress.milestones.map((m: any) => m.kind)).toEqual(['material_received', 'in_production', 'quality_check', 'packed']);
      expect(progress.milestones[1].photos).toHaveLength(1);
      expect(progress.files.map((f: any) => [f.purpose, f.inspectionKind]).sort()).toEqual([
        ['inspection_report', 'cmm_report'],
        ['milestone_photo', null],
      ]);
      expect(await codeOf(otherBuyer, PROGRESS, { id: jobLineId })).toBe('NOT_FOUND');
      expect(await codeOf(loser, PROGRESS, { id: jobLineId })).toBe('NOT_FOUND');
    }
  }, 120_000);

  step('delivery: the designer accepts two lines, disputes the RFQ line, leaves one to the automatic acceptance', async () => {
    for (const line of Object.values(lines)) {
      const delivered = (await as(line.winner, DELIVERED, { id: line.jobLineId })).markDelivered;
      expect(delivered).toMatchObject({ status: 'delivered', acceptBy: expect.any(String) });
    }
    expect((await as(buyer, ACCEPT_DELIVERY, { id: lines.cascade.jobLineId })).acceptDelivery).toMatchObject({ status: 'accepted' });
    expect((await as(buyer, ACCEPT_DELIVERY, { id: lines.splitA.jobLineId })).acceptDelivery).toMatchObject({ status: 'accepted' });
    expect(await codeOf(otherBuyer, DISPUTE, { id: lines.rfq.jobLineId, reason: 'not mine' })).toBe('NOT_FOUND');
    const opened = (await as(buyer, DISPUTE, { id: lines.rfq.jobLineId, reason: 'Pocket 0.35 mm too deep', measurements: MEASUREMENTS })).openDispute;
    expect(opened).toMatchObject({ __typename: 'JobLineProgress', status: 'disputed', dispute: { reason: 'Pocket 0.35 mm too deep', resolution: null } });
    rfqDisputeId = opened.dispute.id;
    const evidence = `/production/disputes/${rfqDisputeId}/evidence`;
    expect((await world.upload(evidence, buyer, 'pocket.jpg', JPEG)).body).toMatchObject({ purpose: 'dispute_evidence', uploaderSide: 'designer' });
    expect((await world.upload(evidence, beta, 'x.png', PNG)).status).toBe(404);
    const answered = (await as(alpha, RESPOND, { id: rfqDisputeId, response: 'Our CMM report shows 8.05 mm; we offer rework of the pockets.' })).respondToDispute;
    expect(answered).toMatchObject({ __typename: 'JobLineDispute', factoryResponse: 'Our CMM report shows 8.05 mm; we offer rework of the pockets.' });

    // The fourth line: nobody answers; the window closes and it is accepted without anyone acting.
    await world.untilStatus(lines.splitB.jobLineId, 'paid_out', 60_000);
    const [auto] = await world.env.db.query(`SELECT actor_role, reason FROM order_events WHERE job_line_id = $1 AND to_status = 'accepted'`, [lines.splitB.jobLineId]);
    expect(auto).toMatchObject({ actor_role: null, reason: expect.stringContaining('acceptance window closed') });
  }, 120_000);

  step('the operator splits the dispute 60/40 with a written decision both sides read; transfers pay every line out and the order completes', async () => {
    const rfq = await allocation(lines.rfq.jobLineId);
    expect(await codeOf(buyer, RESOLVE, { input: { disputeId: rfqDisputeId, resolution: 'split', factoryPercent: 60, decision: 'x' } })).toBe('FORBIDDEN');
    expect(await codeOf(alpha, RESOLVE, { input: { disputeId: rfqDisputeId, resolution: 'release', decision: 'x' } })).toBe('FORBIDDEN');
    const decision = 'The pockets are out of tolerance but usable after rework: 60 % to the factory.';
    const resolved = (await as(operator, RESOLVE, { input: { disputeId: rfqDisputeId, resolution: 'split', factoryPercent: 60, decision } })).resolveJobLineDispute;
    const releasedGross = Math.round((rfq.gross * 60) / 100);
    const splitPayout = Math.min(Math.round((rfq.payout * 60) / 100), releasedGross);
    expect(resolved).toMatchObject({ __typename: 'JobLineDispute', resolution: 'split', factoryPercent: 60, refundMinor: rfq.gross - releasedGross, factoryPayoutMinor: splitPayout });
    for (const who of [buyer, alpha]) expect((await as(who, PROGRESS, { id: lines.rfq.jobLineId })).jobLineProgress.dispute).toMatchObject({ resolution: 'split', decision });

    for (const line of Object.values(lines)) await world.untilStatus(line.jobLineId, 'paid_out', 60_000);
    await eventually(async () => ((await world.orderStatus(orderId)) === 'completed' ? true : undefined), 30_000, 'the order to complete');
    await world.settle();

    // One transfer per line, to the factory that made it, of its payout (the disputed line: the operator's 60 %).
    const transfers = await world.env.db.query(
      `SELECT a.allocation_key AS "jobLineId", t.factory_organization_id AS factory, t.amount_minor::int AS amount, t.status
         FROM factory_transfers t JOIN escrow_allocations a ON a.id = t.allocation_id WHERE t.order_id = $1 ORDER BY a.allocation_key`,
      [orderId],
    );
    const expected = Object.values(lines)
      .map((line) => ({ jobLineId: line.jobLineId, factory: line.winner.organizationId, amount: line === lines.rfq ? splitPayout : line.payoutMinor, status: 'created' }))
      .sort((x, y) => (x.jobLineId < y.jobLineId ? -1 : 1));
    expect(transfers).toEqual(expected);
    const refunds = await world.env.db.query(`SELECT amount_minor::int AS amount FROM payment_refunds WHERE order_id = $1`, [orderId]);
    expect(refunds.map((r: any) => r.amount)).toEqual([rfq.gross - releasedGross]);
    const order = (await as(buyer, ORDER, { id: orderId })).order;
    expect(order.payment.escrow).toEqual({ capturedMinor: orderTotal, heldMinor: 0, refundedMinor: rfq.gross - releasedGross });
    expect(order.history.filter((h: any) => h.jobLineId === null).map((h: any) => h.toStatus)).toEqual(['draft', 'awaiting_payment', 'paid', 'in_progress', 'completed']);
  }, 180_000);

  step('reviews: the designer rates accepted lines; the factory answers; the scorecards move', async () => {
    const before = new Map<string, number>();
    for (const f of [alpha, beta]) before.set(f.factoryId, (await as(f, SUMMARY, {})).factoryReviewSummary.count);
    const ratings = [
      [lines.cascade, { quality: 5, communication: 4, timeliness: 5 }],
      [lines.splitA, { quality: 4, communication: 5, timeliness: 3 }],
    ] as const;
    for (const [line, stars] of ratings) {
      expect(await codeOf(otherBuyer, REVIEW, { input: { jobLineId: line.jobLineId, ...stars } })).toBe('NOT_FOUND');
      const review = (await as(buyer, REVIEW, { input: { jobLineId: line.jobLineId, ...stars, comment: 'Good parts' } })).reviewJobLine;
      expect(review).toMatchObject({ __typename: 'JobLineReview', factoryId: line.winner.factoryId, ...stars });
      expect((await as(line.winner, RESPOND_REVIEW, { id: review.id, response: 'Thank you!' })).respondToReview).toMatchObject({ __typename: 'JobLineReview', response: 'Thank you!' });
      expect(await codeOf(line.loser, RESPOND_REVIEW, { id: review.id, response: 'me too' })).toBe('NOT_FOUND');
    }
    const reviewed = new Map<string, number>();
    for (const [line] of ratings) reviewed.set(line.winner.factoryId, (reviewed.get(line.winner.factoryId) ?? 0) + 1);
    for (const f of [alpha, beta]) {
      expect((await as(f, SUMMARY, {})).factoryReviewSummary.count).toBe(before.get(f.factoryId)! + (reviewed.get(f.factoryId) ?? 0));
      // Each review is three rated events on the scorecard's stars component (as the reviews spec pins).
      const stars = (await as(f, SCORECARD)).myFactory.scorecard.components.find((c: any) => c.component === 'stars');
      expect(stars.count).toBe(3 * (reviewed.get(f.factoryId) ?? 0));
    }
  }, 60_000);

  step('at the end: the ledger balances to the cent, escrow for the order is empty, reconciliation finds nothing, the audit trail is complete', async () => {
    await world.settle();
    const sums = await world.env.db.query(`SELECT currency, sum(amount_minor)::bigint AS total, count(*)::int AS n FROM ledger_postings GROUP BY currency`);
    expect(sums.length).toBeGreaterThan(0);
    for (const row of sums) expect(Number(row.total)).toBe(0);
    const unbalanced = await world.env.db.query(`SELECT entry_id FROM ledger_postings GROUP BY entry_id, currency HAVING sum(amount_minor) <> 0`);
    expect(unbalanced).toEqual([]);
    expect(await world.held(orderId)).toBe(0);
    expect(await world.reconcile()).toEqual([]);

    const audit: Array<{ action: string; subject_id: string; job_line: string | null }> = await world.env.db.query(`SELECT action, subject_id, details->>'jobLineId' AS job_line FROM audit_log`);
    /** Entries of an action about a subject (or, for offers and bids, naming the job line in their details). */
    const count = (action: string, subjectId?: string) => audit.filter((a) => a.action === action && (!subjectId || a.subject_id === subjectId || a.job_line === subjectId)).length;
    for (const status of ['awaiting_payment', 'paid', 'in_progress', 'completed']) expect(count(`order.${status}`, orderId)).toBe(1);
    for (const line of Object.values(lines)) {
      for (const status of ['awarded', 'scheduled', 'in_production', 'shipped', 'delivered', 'paid_out']) expect([line.name, status, count(`job_line.${status}`, line.jobLineId)]).toEqual([line.name, status, 1]);
      expect(count('sourcing.awarded', line.jobLineId)).toBe(1);
      expect(count('job_line.milestone', line.jobLineId)).toBe(4);
      expect(count('job_line.file_uploaded', line.jobLineId)).toBeGreaterThanOrEqual(2);
    }
    expect(count('job_line.accepted', lines.cascade.jobLineId)).toBe(1);
    expect(count('job_line.accepted', lines.splitA.jobLineId)).toBe(1);
    expect(count('job_line.accepted', lines.splitB.jobLineId)).toBe(1);
    expect(count('job_line.disputed', lines.rfq.jobLineId)).toBe(1);
    expect(count('job_line.dispute_opened', lines.rfq.jobLineId)).toBe(1);
    expect(count('job_line.dispute_responded', lines.rfq.jobLineId)).toBe(1);
    expect(count('job_line.dispute_resolved', lines.rfq.jobLineId)).toBe(1);
    expect(count('sourcing.line_split', bigLineId)).toBe(1);
    expect(count('sourcing.offer_declined', cascadeLineId)).toBe(1);
    expect(count('sourcing.award_mode_chosen', rfqLineId)).toBe(1);
    expect(count('sourcing.bid_placed', rfqLineId)).toBe(2);
    expect(count('sourcing.bidding_closed', rfqLineId)).toBe(1);
    expect(count('sourcing.nda_accepted')).toBe(2);
    expect(count('sourcing.cad_link_issued')).toBe(2);
    expect(count('job_line.reviewed')).toBe(2);
    expect(count('job_line.review_responded')).toBe(2);
    expect(count('message.contact_details_removed')).toBe(1);
  }, 120_000);
});

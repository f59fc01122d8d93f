import type { SignedIn } from '../support/given';
import { eventually } from '../support/harness';
import { AWARD_FIELDS, ERR, SourcingWorld, type ReadyFactory } from './sourcing-world';

const BID_FIELDS = 'id jobLineId factoryId status priceMinor currency leadTimeDays note score rank';
const CHOOSE = `mutation M($input: ChooseAwardModeInput!) { chooseAwardMode(input: $input) { __typename ... on SourcingJob { id mode status bidDeadline } ${ERR} ... on InputValidationError { field } } }`;
const BID = `mutation B($input: PlaceBidInput!) { placeBid(input: $input) { __typename ... on Bid { ${BID_FIELDS} } ${ERR} ... on InputValidationError { field } } }`;
const WITHDRAW = `mutation W($id: ID!) { withdrawBid(jobLineId: $id) { __typename ... on Bid { ${BID_FIELDS} } ${ERR} } }`;
const PICK = `mutation P($id: ID!) { pickBid(bidId: $id) { __typename ... on Award { ${AWARD_FIELDS} } ${ERR} } }`;
const BIDS = `query J($id: ID!) { sourcingJob(jobLineId: $id) { id mode biddingClosedAt pickDeadline bids { ${BID_FIELDS} } } }`;

describe('sourcing: sealed-bid RFQs — bids are sealed, editable until the deadline, scored at close; the designer picks or the platform awards', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let stranger: SignedIn;
  let a: ReadyFactory;
  let b: ReadyFactory;
  let noCertificate: ReadyFactory;
  let part: { partId: string };

  beforeAll(async () => {
    await world.start({ SOURCING_BID_PICK_WINDOW_SECONDS: '3' });
    [designer, stranger] = [await world.designer(), await world.designer()];
    [a, b, noCertificate] = [await world.factory(), await world.factory(), await world.factory({ certificate: null })];
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  const gql = (query: string, variables: Record<string, unknown>, who: SignedIn) => world.gql(query, variables, who.accessToken);
  const jobRow = async (id: string) => (await world.env.db.query(`SELECT mode, status, bid_deadline, bidding_closed_at FROM sourcing_jobs WHERE job_line_id = $1`, [id]))[0];
  const bidRows = async (id: string) => world.env.db.query(`SELECT factory_id, status, price_minor::int AS price, lead_time_days AS lead FROM bids WHERE job_line_id = $1 ORDER BY factory_id`, [id]);

  it('only the designer chooses the mode; bad deadlines and bad bids are typed errors that change nothing; no factory sees another’s bid; the designer picks after close', async () => {
    const { jobLineId, orderId, totalMinor } = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const cascadeOffer = (await world.openOffer(jobLineId))!;
    const closesAt = new Date(Date.now() + 15_000).toISOString();

    // Who may choose: not a factory (wrong role), not another designer (looks missing).
    const byFactory = await world.api.graphql.request(CHOOSE, { input: { jobLineId, mode: 'sealed_bid', biddingClosesAt: closesAt } }, a.accessToken);
    expect(byFactory.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byStranger = await world.api.graphql.request(CHOOSE, { input: { jobLineId, mode: 'sealed_bid', biddingClosesAt: closesAt } }, stranger.accessToken);
    expect(byStranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(CHOOSE, { input: { jobLineId, mode: 'sealed_bid' } }, designer)).chooseAwardMode).toMatchObject({ __typename: 'InputValidationError', field: 'biddingClosesAt' });
    const past = new Date(Date.now() - 1000).toISOString();
    expect((await gql(CHOOSE, { input: { jobLineId, mode: 'sealed_bid', biddingClosesAt: past } }, designer)).chooseAwardMode).toMatchObject({ __typename: 'InputValidationError', field: 'biddingClosesAt' });
    expect((await jobRow(jobLineId)).mode).toBe('offer_cascade');
    expect((await world.openOffer(jobLineId))?.id).toBe(cascadeOffer.id);

    const chosen = (await gql(CHOOSE, { input: { jobLineId, mode: 'sealed_bid', biddingClosesAt: closesAt } }, designer)).chooseAwardMode;
    expect(chosen).toMatchObject({ __typename: 'SourcingJob', mode: 'sealed_bid', status: 'open' });
    expect(await world.openOffer(jobLineId)).toBeUndefined();
    const [withdrawn] = await world.env.db.query(`SELECT status FROM offers WHERE id = $1`, [cascadeOffer.id]);
    expect(withdrawn.status).toBe('withdrawn');

    const [job] = await world.env.db.query(`SELECT payout_minor::int AS payout FROM sourcing_jobs WHERE job_line_id = $1`, [jobLineId]);
    const bid = (who: ReadyFactory, input: Record<string, unknown>) => gql(BID, { input: { jobLineId, ...input } }, who).then((r) => r.placeBid);

    // Bad amounts, and a factory that is not eligible: typed errors, no bid stored.
    expect(await bid(a, { priceMinor: totalMinor + 1, leadTimeDays: 5 })).toMatchObject({ __typename: 'InputValidationError', field: 'priceMinor' });
    expect(await bid(a, { priceMinor: 0, leadTimeDays: 5 })).toMatchObject({ __typename: 'InputValidationError', field: 'priceMinor' });
    expect(await bid(a, { priceMinor: 10.5, leadTimeDays: 5 })).toMatchObject({ __typename: 'InputValidationError', field: 'priceMinor' });
    expect(await bid(a, { priceMinor: job.payout, leadTimeDays: 0 })).toMatchObject({ __typename: 'InputValidationError', field: 'leadTimeDays' });
    expect(await bid(noCertificate, { priceMinor: job.payout, leadTimeDays: 5 })).toMatchObject({ __typename: 'NotEligibleError' });
    const asDesigner = await world.api.graphql.request(BID, { input: { jobLineId, priceMinor: job.payout, leadTimeDays: 5 } }, designer.accessToken);
    expect(asDesigner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await bidRows(jobLineId)).toEqual([]);

    // Bids, an edit, a withdrawal and a re-bid.
    expect(await bid(a, { priceMinor: job.payout - 100, leadTimeDays: 5, note: 'first' })).toMatchObject({ __typename: 'Bid', status: 'active', priceMinor: job.payout - 100 });
    expect(await bid(b, { priceMinor: job.payout - 50, leadTimeDays: 3 })).toMatchObject({ __typename: 'Bid', status: 'active' });
    const edited = await bid(a, { priceMinor: job.payout - 200, leadTimeDays: 4, note: 'sharper' });
    expect(edited).toMatchObject({ __typename: 'Bid', priceMinor: job.payout - 200, leadTimeDays: 4, note: 'sharper' });
    expect((await gql(WITHDRAW, { id: jobLineId }, b)).withdrawBid).toMatchObject({ __typename: 'Bid', status: 'withdrawn' });
    expect((await gql(WITHDRAW, { id: jobLineId }, b)).withdrawBid).toMatchObject({ __typename: 'BidNotActiveError' });
    const bBid = await bid(b, { priceMinor: job.payout - 20, leadTimeDays: 2 });
    expect(bBid).toMatchObject({ __typename: 'Bid', status: 'active', priceMinor: job.payout - 20 });
    expect((await bidRows(jobLineId)).map((r: any) => r.status)).toEqual(['active', 'active']);

    // Sealed: each factory sees its own bid only, the designer none before close.
    for (const [who, own] of [[a, edited.id], [b, bBid.id]] as const) {
      const seen = (await gql(BIDS, { id: jobLineId }, who)).sourcingJob.bids;
      expect(seen.map((x: any) => x.id)).toEqual([own]);
    }
    expect((await gql(BIDS, { id: jobLineId }, designer)).sourcingJob.bids).toEqual([]);
    expect((await gql(`query { myBids { id } }`, {}, a)).myBids.map((x: any) => x.id)).toEqual([edited.id]);
    expect((await gql(PICK, { id: bBid.id }, designer)).pickBid).toMatchObject({ __typename: 'BiddingStillOpenError' });
    // Nor can a mode with bids be changed.
    expect((await gql(CHOOSE, { input: { jobLineId, mode: 'offer_cascade' } }, designer)).chooseAwardMode).toMatchObject({ __typename: 'InputValidationError', field: 'mode' });

    // The close job runs at the deadline and scores the bids.
    const closed = await eventually(async () => {
      const row = await jobRow(jobLineId);
      return row.bidding_closed_at ? row : undefined;
    }, 60_000, 'bidding to close (the delayed outbox job)');
    expect(closed.status).toBe('open');
    expect(await bid(a, { priceMinor: job.payout - 300, leadTimeDays: 4 })).toMatchObject({ __typename: 'BiddingClosedError' });
    expect((await gql(WITHDRAW, { id: jobLineId }, a)).withdrawBid).toMatchObject({ __typename: 'BiddingClosedError' });
    const ranked = (await gql(BIDS, { id: jobLineId }, designer)).sourcingJob.bids;
    expect(ranked).toHaveLength(2);
    expect(ranked.map((x: any) => x.rank)).toEqual([1, 2]);
    expect(ranked.every((x: any) => typeof x.score === 'number' && x.score >= x.priceMinor)).toBe(true);
    // Still sealed for the factories after close.
    expect((await gql(BIDS, { id: jobLineId }, a)).sourcingJob.bids.map((x: any) => x.id)).toEqual([edited.id]);

    // A factory cannot pick; the designer picks the dearer bid, which is their right.
    const factoryPick = await world.api.graphql.request(PICK, { id: bBid.id }, b.accessToken);
    expect(factoryPick.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const award = (await gql(PICK, { id: bBid.id }, designer)).pickBid;
    expect(award).toMatchObject({ __typename: 'Award', jobLineId, factoryId: b.factoryId, mode: 'sealed_bid', payoutMinor: job.payout - 20 });
    expect((await gql(PICK, { id: edited.id }, designer)).pickBid).toMatchObject({ __typename: 'BidNotActiveError' });
    expect((await bidRows(jobLineId)).map((r: any) => [r.factory_id, r.status])).toEqual(
      expect.arrayContaining([
        [a.factoryId, 'lost'],
        [b.factoryId, 'won'],
      ]),
    );
    const allocations = await world.env.db.query(`SELECT allocation_key, gross_minor::int AS gross, payout_minor::int AS payout FROM escrow_allocations WHERE order_id = $1`, [orderId]);
    expect(allocations).toEqual([{ allocation_key: jobLineId, gross: totalMinor, payout: job.payout - 20 }]);

    // The pick window passing later changes nothing (the award job is idempotent).
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(await world.env.db.query(`SELECT factory_id FROM awards WHERE job_line_id = $1`, [jobLineId])).toEqual([{ factory_id: b.factoryId }]);
  }, 150_000);

  it('when the designer does not pick within the window, the platform awards the best-scored bid', async () => {
    const { jobLineId } = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const closesAt = new Date(Date.now() + 12_000).toISOString();
    expect((await gql(CHOOSE, { input: { jobLineId, mode: 'sealed_bid', biddingClosesAt: closesAt } }, designer)).chooseAwardMode.__typename).toBe('SourcingJob');
    const [job] = await world.env.db.query(`SELECT payout_minor::int AS payout FROM sourcing_jobs WHERE job_line_id = $1`, [jobLineId]);
    // a is cheaper and as quick: it scores better.
    expect((await gql(BID, { input: { jobLineId, priceMinor: job.payout - 500, leadTimeDays: 3 } }, a)).placeBid.__typename).toBe('Bid');
    expect((await gql(BID, { input: { jobLineId, priceMinor: job.payout, leadTimeDays: 3 } }, b)).placeBid.__typename).toBe('Bid');
    const award = await eventually(async () => {
      const [row] = await world.env.db.query(`SELECT factory_id, mode, payout_minor::int AS payout FROM awards WHERE job_line_id = $1`, [jobLineId]);
      return row;
    }, 60_000, 'the platform to award the best bid');
    expect(award).toEqual({ factory_id: a.factoryId, mode: 'sealed_bid', payout: job.payout - 500 });
    const [line] = await world.env.db.query(`SELECT status FROM job_lines WHERE id = $1`, [jobLineId]);
    expect(line.status).toBe('awarded');
  }, 120_000);
});

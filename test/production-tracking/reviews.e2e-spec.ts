import type { SignedIn } from '../support/given';
import { eventually } from '../support/harness';
import { ACCEPT, SourcingWorld, type ReadyFactory } from '../sourcing/sourcing-world';

const ERR_BASE = '... on ErrorResult { __typename errorCode message } ... on InputValidationError { field }';
const ERR = `${ERR_BASE} ... on RatingOutOfRangeError { field }`;
const REVIEW_FIELDS = 'id jobLineId factoryId quality communication timeliness comment createdAt response respondedAt';
const REVIEW = `mutation R($input: ReviewJobLineInput!) { reviewJobLine(input: $input) { __typename ... on JobLineReview { ${REVIEW_FIELDS} } ${ERR} } }`;
const RESPOND = `mutation R($id: ID!, $response: String!) { respondToReview(reviewId: $id, response: $response) { __typename ... on JobLineReview { ${REVIEW_FIELDS} } ${ERR_BASE} } }`;
const OF_LINE = `query L($id: ID!) { jobLineReview(jobLineId: $id) { ${REVIEW_FIELDS} } }`;
const OF_FACTORY = `query F($factoryId: ID, $first: Int, $after: String) { factoryReviews(factoryId: $factoryId, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${REVIEW_FIELDS} } } } }`;
const SUMMARY = `query S($factoryId: ID) { factoryReviewSummary(factoryId: $factoryId) { count quality communication timeliness } }`;
const SCORECARD = `query { myFactory { scorecard { score averageStars components { component count } } } }`;
const MILESTONE = `mutation M($id: ID!) { postMilestone(jobLineId: $id, kind: in_production) { __typename } }`;
const SHIP = `mutation S($id: ID!) { shipJobLine(jobLineId: $id, carrier: "DHL", trackingNumber: "JD0146") { __typename } }`;
const DELIVERED = `mutation D($id: ID!) { markDelivered(jobLineId: $id) { __typename ... on JobLineProgress { status } } }`;
const ACCEPT_DELIVERY = `mutation A($id: ID!) { acceptDelivery(jobLineId: $id) { __typename ... on JobLineProgress { status } } }`;
const NOTIFICATIONS = `query { notifications(first: 50) { edges { node { type subjectId } } } }`;

describe('reviews: the designer rates an accepted job line once, the scorecard moves, the factory responds once', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let otherDesigner: SignedIn;
  let a: ReadyFactory;
  let b: ReadyFactory;
  let part: { partId: string };
  const byFactory = new Map<string, ReadyFactory>();

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    otherDesigner = await world.designer();
    [a, b] = [await world.factory(), await world.factory()];
    for (const f of [a, b]) byFactory.set(f.factoryId, f);
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  const request = (query: string, variables: Record<string, unknown>, who: SignedIn) => world.api.graphql.request(query, variables, who.accessToken);
  const gql = (query: string, variables: Record<string, unknown>, who: SignedIn) => world.gql(query, variables, who.accessToken);
  const codeOf = async (query: string, variables: Record<string, unknown>, who: SignedIn) => (await request(query, variables, who)).errors?.[0].extensions?.code;
  const reviewRows = async (jobLineId: string) => world.env.db.query(`SELECT quality, communication, timeliness, response FROM job_line_reviews WHERE job_line_id = $1`, [jobLineId]);
  const scoreEvents = async (factoryId: string) =>
    world.env.db.query(`SELECT kind, value FROM factory_score_events WHERE factory_id = $1 AND source_ref LIKE 'review:%' ORDER BY kind`, [factoryId]);

  /** A job line awarded, made, shipped and delivered; accepted unless `accept: false`. */
  async function deliveredLine({ accept }: { accept: boolean }) {
    const paid = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const offer = (await world.openOffer(paid.jobLineId))!;
    const winner = byFactory.get(offer.factory_id)!;
    const loser = winner === a ? b : a;
    expect((await gql(ACCEPT, { id: offer.id }, winner)).acceptOffer.__typename).toBe('Award');
    await gql(MILESTONE, { id: paid.jobLineId }, winner);
    await gql(SHIP, { id: paid.jobLineId }, winner);
    expect((await gql(DELIVERED, { id: paid.jobLineId }, winner)).markDelivered.status).toBe('delivered');
    if (accept) expect((await gql(ACCEPT_DELIVERY, { id: paid.jobLineId }, designer)).acceptDelivery.status).toBe('accepted');
    return { jobLineId: paid.jobLineId, winner, loser };
  }

  it('refuses a review before acceptance, out of range, from anyone but the ordering organisation, and twice — each a typed error that changes nothing', async () => {
    const { jobLineId, winner, loser } = await deliveredLine({ accept: false });
    const input = { jobLineId, quality: 5, communication: 4, timeliness: 5, comment: 'Clean parts' };

    expect((await gql(REVIEW, { input }, designer)).reviewJobLine).toMatchObject({ __typename: 'ReviewBeforeAcceptanceError', errorCode: 'REVIEW_BEFORE_ACCEPTANCE' });
    expect(await reviewRows(jobLineId)).toEqual([]);
    expect(await scoreEvents(winner.factoryId)).toEqual([]);

    expect((await gql(ACCEPT_DELIVERY, { id: jobLineId }, designer)).acceptDelivery.status).toBe('accepted');
    const scoreBefore = (await gql(SCORECARD, {}, winner)).myFactory.scorecard;

    for (const [field, value] of [['quality', 0], ['communication', 6], ['timeliness', -1]] as const) {
      expect((await gql(REVIEW, { input: { ...input, [field]: value } }, designer)).reviewJobLine).toMatchObject({ __typename: 'RatingOutOfRangeError', errorCode: 'RATING_OUT_OF_RANGE', field });
    }
    expect((await gql(REVIEW, { input: { ...input, comment: 'x'.repeat(2001) } }, designer)).reviewJobLine).toMatchObject({ __typename: 'InputValidationError', field: 'comment' });
    expect(await codeOf(REVIEW, { input }, otherDesigner)).toBe('NOT_FOUND');
    expect(await codeOf(REVIEW, { input }, loser)).toBe('NOT_FOUND');
    expect(await codeOf(REVIEW, { input }, winner)).toBe('FORBIDDEN');
    expect(await codeOf(REVIEW, { input }, world.operator)).toBe('FORBIDDEN');
    expect(await codeOf(REVIEW, { input: { ...input, jobLineId: 'not-a-job-line' } }, designer)).toBe('NOT_FOUND');
    expect(await reviewRows(jobLineId)).toEqual([]);
    expect(await scoreEvents(winner.factoryId)).toEqual([]);
    expect((await gql(SCORECARD, {}, winner)).myFactory.scorecard.score).toBe(scoreBefore.score);

    const review = (await gql(REVIEW, { input }, designer)).reviewJobLine;
    expect(review).toMatchObject({ __typename: 'JobLineReview', jobLineId, factoryId: winner.factoryId, quality: 5, communication: 4, timeliness: 5, comment: 'Clean parts', response: null });
    const twice = (await gql(REVIEW, { input: { ...input, quality: 1 } }, designer)).reviewJobLine;
    expect(twice).toMatchObject({ __typename: 'AlreadyReviewedError', errorCode: 'ALREADY_REVIEWED' });
    expect(await reviewRows(jobLineId)).toEqual([{ quality: 5, communication: 4, timeliness: 5, response: null }]);
    expect(await scoreEvents(winner.factoryId)).toEqual([
      { kind: 'review_communication', value: 4 },
      { kind: 'review_quality', value: 5 },
      { kind: 'review_timeliness', value: 5 },
    ]);
  }, 120_000);

  it('moves the factory’s scorecard, shows the review to both sides and operators only, and takes one response from the factory', async () => {
    const { jobLineId, winner, loser } = await deliveredLine({ accept: true });
    const before = (await gql(SCORECARD, {}, winner)).myFactory.scorecard;
    const starsBefore = before.components.find((c: any) => c.component === 'stars').count;

    const low = (await gql(REVIEW, { input: { jobLineId, quality: 1, communication: 2, timeliness: 1 } }, designer)).reviewJobLine;
    expect(low).toMatchObject({ __typename: 'JobLineReview', comment: null });
    const after = (await gql(SCORECARD, {}, winner)).myFactory.scorecard;
    expect(after.score).toBeLessThan(before.score);
    expect(after.components.find((c: any) => c.component === 'stars').count).toBe(starsBefore + 3);

    // Who sees it.
    expect((await gql(OF_LINE, { id: jobLineId }, designer)).jobLineReview).toMatchObject({ id: low.id, quality: 1 });
    expect((await gql(OF_LINE, { id: jobLineId }, winner)).jobLineReview).toMatchObject({ id: low.id });
    expect((await gql(OF_LINE, { id: jobLineId }, world.operator)).jobLineReview).toMatchObject({ id: low.id });
    expect(await codeOf(OF_LINE, { id: jobLineId }, loser)).toBe('NOT_FOUND');
    expect(await codeOf(OF_LINE, { id: jobLineId }, otherDesigner)).toBe('NOT_FOUND');
    const own = (await gql(OF_FACTORY, { first: 1 }, winner)).factoryReviews;
    expect(own.edges[0].node.id).toBe(low.id);
    expect((await gql(OF_FACTORY, {}, loser)).factoryReviews.edges.map((e: any) => e.node.id)).not.toContain(low.id);
    expect(await codeOf(OF_FACTORY, { factoryId: winner.factoryId }, loser)).toBe('NOT_FOUND');
    expect(await codeOf(OF_FACTORY, {}, designer)).toBe('FORBIDDEN');
    const byOperator = (await gql(OF_FACTORY, { factoryId: winner.factoryId, first: 50 }, world.operator)).factoryReviews;
    expect(byOperator.edges.map((e: any) => e.node.id)).toContain(low.id);
    const summary = (await gql(SUMMARY, { factoryId: winner.factoryId }, world.operator)).factoryReviewSummary;
    const rows = await world.env.db.query(`SELECT avg(quality)::float8 AS q, count(*)::int AS n FROM job_line_reviews WHERE factory_id = $1`, [winner.factoryId]);
    expect(summary).toMatchObject({ count: rows[0].n, quality: rows[0].q });
    expect((await gql(SUMMARY, {}, winner)).factoryReviewSummary).toEqual(summary);

    // The factory hears of it.
    await eventually(async () => {
      const edges = (await gql(NOTIFICATIONS, {}, winner)).notifications.edges;
      return edges.find((e: any) => e.node.type === 'job_line.reviewed' && e.node.subjectId === low.id) ? true : undefined;
    }, 20_000, 'the review notification');

    // One response, by the reviewed factory's admin only.
    expect(await codeOf(RESPOND, { id: low.id, response: 'Not us' }, loser)).toBe('NOT_FOUND');
    expect(await codeOf(RESPOND, { id: low.id, response: 'Not us' }, otherDesigner)).toBe('NOT_FOUND');
    expect(await codeOf(RESPOND, { id: low.id, response: 'Sorry' }, designer)).toBe('FORBIDDEN');
    expect((await gql(RESPOND, { id: low.id, response: '  ' }, winner)).respondToReview).toMatchObject({ __typename: 'InputValidationError', field: 'response' });
    expect(await reviewRows(jobLineId)).toEqual([{ quality: 1, communication: 2, timeliness: 1, response: null }]);
    const responded = (await gql(RESPOND, { id: low.id, response: 'A fixture slipped; we re-trained the setup and added a CMM check.' }, winner)).respondToReview;
    expect(responded).toMatchObject({ __typename: 'JobLineReview', response: 'A fixture slipped; we re-trained the setup and added a CMM check.' });
    expect(responded.respondedAt).not.toBeNull();
    expect((await gql(RESPOND, { id: low.id, response: 'Second thoughts' }, winner)).respondToReview).toMatchObject({ __typename: 'AlreadyRespondedError', errorCode: 'ALREADY_RESPONDED' });
    expect((await gql(OF_LINE, { id: jobLineId }, designer)).jobLineReview.response).toBe('A fixture slipped; we re-trained the setup and added a CMM check.');

    const audit = (await world.env.db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [jobLineId])).map((r: any) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['job_line.reviewed', 'job_line.review_responded']));
  }, 120_000);
});

import { BatchAssignment } from '@partsmith/sourcing';
import type { SignedIn } from '../support/given';
import { ACCEPT, DECLINE, SourcingWorld, type ReadyFactory } from './sourcing-world';

const CHOOSE = `mutation M($input: ChooseAwardModeInput!) { chooseAwardMode(input: $input) { __typename ... on SourcingJob { id mode } ... on ErrorResult { errorCode message } ... on InputValidationError { field } } }`;

describe('sourcing: batch assignment — open batch-mode jobs × eligible factories with remaining capacity → min-cost assignment → offers', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let a: ReadyFactory;
  let b: ReadyFactory;
  let noPayouts: ReadyFactory;
  let part: { partId: string };
  const byFactory = new Map<string, ReadyFactory>();

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    [a, b, noPayouts] = [await world.factory(), await world.factory(), await world.factory({ payouts: false })];
    for (const f of [a, b, noPayouts]) byFactory.set(f.factoryId, f);
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  const run = () => world.worker.get(BatchAssignment).run(world.systemCtx());
  const liveOffers = (ids: string[]) =>
    world.env.db.query(`SELECT id, job_line_id, factory_id, source, price_minor::int AS price FROM offers WHERE job_line_id = ANY($1) AND status = 'open' ORDER BY job_line_id`, [ids]);

  it('offers each batch job to its cheapest eligible factory in one solve; reruns are idempotent; a decline returns the job to the next run; accepting awards in batch mode', async () => {
    const lines = [];
    for (let i = 0; i < 3; i++) lines.push(await world.paidJobLine(designer, part.partId));
    const ids = lines.map((l) => l.jobLineId);
    await world.sweep(); // the cascade offers them first

    // Bad input and the wrong caller change nothing.
    expect((await world.gql(CHOOSE, { input: { jobLineId: ids[0], mode: 'batch', biddingClosesAt: new Date(Date.now() + 60_000).toISOString() } }, designer.accessToken)).chooseAwardMode).toMatchObject({
      __typename: 'InputValidationError',
      field: 'biddingClosesAt',
    });
    expect((await world.gql(CHOOSE, { input: { jobLineId: ids[0], mode: 'operator' } }, designer.accessToken)).chooseAwardMode).toMatchObject({ __typename: 'InputValidationError', field: 'mode' });
    const byFactoryCaller = await world.api.graphql.request(CHOOSE, { input: { jobLineId: ids[0], mode: 'batch' } }, a.accessToken);
    expect(byFactoryCaller.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await world.env.db.query(`SELECT mode FROM sourcing_jobs WHERE job_line_id = ANY($1)`, [ids])).map((r: any) => r.mode)).toEqual(['offer_cascade', 'offer_cascade', 'offer_cascade']);
    expect(await liveOffers(ids)).toHaveLength(3);

    for (const id of ids) expect((await world.gql(CHOOSE, { input: { jobLineId: id, mode: 'batch' } }, designer.accessToken)).chooseAwardMode).toMatchObject({ __typename: 'SourcingJob', mode: 'batch' });
    expect(await liveOffers(ids)).toEqual([]); // the cascade's offers were withdrawn
    await world.sweep();
    expect(await liveOffers(ids)).toEqual([]); // the sweep leaves batch jobs to the batch run

    const first = await run();
    expect(first).toMatchObject({ ran: true, jobs: 3, factories: 2, offers: 3, deferred: 0 });
    expect(['optimal', 'feasible']).toContain(first.status);
    const offers = await liveOffers(ids);
    expect(offers).toHaveLength(3);
    const payouts = new Map<string, number>((await world.env.db.query(`SELECT job_line_id, payout_minor::int AS payout FROM sourcing_jobs WHERE job_line_id = ANY($1)`, [ids])).map((r: any) => [r.job_line_id, r.payout]));
    for (const offer of offers) {
      expect(offer).toMatchObject({ source: 'batch', price: payouts.get(offer.job_line_id) });
      expect(offer.factory_id).not.toBe(noPayouts.factoryId);
      // Capacity is not binding here (a few machine hours against weeks of plan), so min cost = each job's best-ranked factory.
      const [best] = await world.env.db.query(`SELECT factory_id FROM sourcing_candidates WHERE job_line_id = $1 ORDER BY rank LIMIT 1`, [offer.job_line_id]);
      expect(offer.factory_id).toBe(best.factory_id);
    }
    const [recorded] = await world.env.db.query(`SELECT jobs, factories, status, offers, total_cost::int AS cost FROM batch_assignment_runs ORDER BY id DESC LIMIT 1`);
    expect(recorded).toMatchObject({ jobs: 3, factories: 2, offers: 3, status: first.status });
    expect(recorded.cost).toBeGreaterThanOrEqual([...payouts.values()].reduce((s, p) => s + p, 0));

    expect(await run()).toMatchObject({ ran: true, jobs: 0, offers: 0 }); // every job has a live offer: nothing to do

    // A decline: the job waits for the next run, which offers it to the other factory.
    const declinedOffer = offers[0];
    const decliner = byFactory.get(declinedOffer.factory_id)!;
    expect((await world.gql(DECLINE, { id: declinedOffer.id }, decliner.accessToken)).declineOffer).toMatchObject({ __typename: 'Offer', status: 'declined' });
    expect((await liveOffers([declinedOffer.job_line_id])).length).toBe(0);
    expect(await run()).toMatchObject({ jobs: 1, offers: 1 });
    const [again] = await liveOffers([declinedOffer.job_line_id]);
    expect(again.factory_id).toBe((decliner === a ? b : a).factoryId);

    // Accepting a batch offer awards it, in batch mode.
    const award = (await world.gql(ACCEPT, { id: again.id }, byFactory.get(again.factory_id)!.accessToken)).acceptOffer;
    expect(award).toMatchObject({ __typename: 'Award', jobLineId: declinedOffer.job_line_id, factoryId: again.factory_id, mode: 'batch' });

    // Nobody left to try: the job stalls with a reason instead of being offered again.
    const second = offers[1];
    await world.gql(DECLINE, { id: second.id }, byFactory.get(second.factory_id)!.accessToken);
    await run();
    const [retry] = await liveOffers([second.job_line_id]);
    await world.gql(DECLINE, { id: retry.id }, byFactory.get(retry.factory_id)!.accessToken);
    expect(await run()).toMatchObject({ jobs: 0, offers: 0 });
    const [stalled] = await world.env.db.query(`SELECT status, stalled_reason FROM sourcing_jobs WHERE job_line_id = $1`, [second.job_line_id]);
    expect(stalled).toEqual({ status: 'stalled', stalled_reason: 'all 2 eligible factories were offered the job' });
  }, 120_000);
});

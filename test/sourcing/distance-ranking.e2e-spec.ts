import type { SignedIn } from '../support/given';
import { SourcingWorld, type ReadyFactory } from './sourcing-world';

const NEAREST_BOARD = `query B($sort: JobBoardSort) { jobBoard(first: 10, sort: $sort) { edges { node { id distanceKm } } } }`;
const JOB_DISTANCE = `query J($id: ID!) { sourcingJob(jobLineId: $id) { id distanceKm } }`;

const address = (city: string, country: string, latitude: number, longitude: number) => ({ line1: '1 Industrial Road', city, country, latitude, longitude });

describe('sourcing: the distance to the delivery country and the shipment’s carbon rank factories, and the job board shows and sorts by it', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let hanoi: ReadyFactory;
  let stockholm: ReadyFactory;
  let part: { partId: string };

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    // Hanoi is the older factory: without the distance term it would come first on every tie-break
    hanoi = await world.factory({ profile: { address: address('Hanoi', 'VN', 21.03, 105.85) } });
    stockholm = await world.factory({ profile: { address: address('Stockholm', 'SE', 59.33, 18.07) } });
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  const candidates = (jobLineId: string) =>
    world.env.db.query(`SELECT factory_id, rank, distance_km, carbon_kg FROM sourcing_candidates WHERE job_line_id = $1 ORDER BY rank`, [jobLineId]);

  it('parts shipped to Sweden go to the Stockholm factory first; parts shipped to Vietnam to the Hanoi one', async () => {
    const toSweden = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const ranked = await candidates(toSweden.jobLineId);
    expect(ranked.map((r: { factory_id: string }) => r.factory_id)).toEqual([stockholm.factoryId, hanoi.factoryId]);
    expect(ranked[0].distance_km).toBeLessThan(500);
    expect(ranked[1].distance_km).toBeGreaterThan(7_000);
    expect(ranked[1].carbon_kg).toBeGreaterThan(ranked[0].carbon_kg);
    expect((await world.openOffer(toSweden.jobLineId))!.factory_id).toBe(stockholm.factoryId);

    const toVietnam = await world.paidJobLine(
      designer,
      part.partId,
      { shippingAddress: { name: 'Receiving', line1: '1 Tran Hung Dao', city: 'Hanoi', postalCode: '100000', country: 'VN' } },
    );
    await world.sweep();
    expect((await candidates(toVietnam.jobLineId)).map((r: { factory_id: string }) => r.factory_id)).toEqual([hanoi.factoryId, stockholm.factoryId]);

    // Each factory sees its own distance on the board and the job page, and NEAREST puts the closer job first.
    const board = (who: ReadyFactory) => world.gql(NEAREST_BOARD, { sort: 'NEAREST' }, who.accessToken).then((d) => d.jobBoard.edges.map((e: any) => e.node));
    const seenFromHanoi = await board(hanoi);
    expect(seenFromHanoi.map((n: { id: string }) => n.id)).toEqual([toVietnam.jobLineId, toSweden.jobLineId]);
    expect(seenFromHanoi[0].distanceKm).toBeLessThan(seenFromHanoi[1].distanceKm);
    expect((await board(stockholm)).map((n: { id: string }) => n.id)).toEqual([toSweden.jobLineId, toVietnam.jobLineId]);
    expect((await world.gql(JOB_DISTANCE, { id: toSweden.jobLineId }, stockholm.accessToken)).sourcingJob.distanceKm).toBe(ranked[0].distance_km);
    expect((await world.gql(JOB_DISTANCE, { id: toSweden.jobLineId }, designer.accessToken)).sourcingJob.distanceKm).toBeNull();

    // NEAREST needs a factory to measure from
    const refused = await world.api.graphql.request(NEAREST_BOARD, { sort: 'NEAREST' }, designer.accessToken);
    expect(refused.errors?.[0].message).toMatch(/only factories/);
  }, 120_000);
});

import { eventually } from '../support/harness';
import type { SignedIn } from '../support/given';
import { SourcingWorld, type ReadyFactory } from './sourcing-world';

describe('sourcing: a suspended factory leaves every open offer at once', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let a: ReadyFactory;
  let b: ReadyFactory;

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    [a, b] = [await world.factory(), await world.factory()];
  }, 180_000);
  afterAll(() => world.stop());

  it("withdraws the suspended factory's live offers and passes each job to the next eligible factory", async () => {
    const part = await world.analysedPart(designer);
    const { jobLineId } = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const first = (await world.openOffer(jobLineId))!;
    const [suspended, remaining] = first.factory_id === a.factoryId ? [a, b] : [b, a];

    const result = await world.gql(
      `mutation S($id: ID!) { suspendFactory(factoryId: $id, reason: "Forged inspection reports") { __typename ... on Factory { status } } }`,
      { id: suspended.factoryId },
      world.operator.accessToken,
    );
    expect(result.suspendFactory).toMatchObject({ __typename: 'Factory', status: 'suspended' });

    const next = await eventually(async () => {
      const offer = await world.openOffer(jobLineId);
      return offer && offer.factory_id !== suspended.factoryId ? offer : undefined;
    }, 20_000, 'the job to be offered to the next factory');
    expect(next.factory_id).toBe(remaining.factoryId);
    const [old] = await world.env.db.query(`SELECT status FROM offers WHERE id = $1`, [first.id]);
    expect(old.status).toBe('withdrawn');
    const live = await world.env.db.query(`SELECT count(*)::int AS n FROM offers WHERE factory_id = $1 AND status IN ('open', 'countered')`, [suspended.factoryId]);
    expect(live).toEqual([{ n: 0 }]);
  });
});

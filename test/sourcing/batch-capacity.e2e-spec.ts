import { BatchAssignment, FactoryCapacity } from '@partsmith/sourcing';
import { ADD_MACHINE, machine } from '../factories/factory-support';
import type { SignedIn } from '../support/given';
import { SourcingWorld, type ReadyFactory } from './sourcing-world';

const CHOOSE = `mutation M($input: ChooseAwardModeInput!) { chooseAwardMode(input: $input) { __typename ... on SourcingJob { id mode } } }`;

describe('sourcing: batch assignment keeps one capacity per factory and process', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let shop: ReadyFactory;
  let part: { partId: string };

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    // one factory with a 3-axis mill (from the world) and a 5-axis one
    shop = await world.factory({ profile: { processes: ['cnc_milling_3axis', 'cnc_milling_5axis'] } });
    const added = (await world.gql(ADD_MACHINE, { input: machine({ process: 'cnc_milling_5axis' }) }, shop.accessToken)).addMachine;
    expect(added.__typename).toBe('Machine');
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  it('a full 3-axis plan defers the 3-axis job but not the 5-axis one, whatever order the jobs come in', async () => {
    const threeAxis = await world.paidJobLine(designer, part.partId);
    const fiveAxis = await world.paidJobLine(designer, part.partId, {}, { quote: { process: 'cnc_milling_5axis' } });
    await world.sweep(); // opens the sourcing jobs (and offers them; choosing batch withdraws those offers)
    for (const id of [threeAxis.jobLineId, fiveAxis.jobLineId]) await world.gql(CHOOSE, { input: { jobLineId: id, mode: 'batch' } }, designer.accessToken);

    // The 3-axis mills are booked solid; the 5-axis machine has room.
    const asked: string[] = [];
    const capacity = jest.spyOn(world.worker.get(FactoryCapacity), 'hoursBy').mockImplementation(async (_ctx, factoryId, process) => {
      asked.push(`${factoryId}/${process}`);
      return process === 'cnc_milling_5axis' ? 1_000 : 0;
    });
    try {
      const outcome = await world.worker.get(BatchAssignment).run(world.systemCtx());
      expect(outcome).toMatchObject({ ran: true, jobs: 2, factories: 1, offers: 1, deferred: 1 });
      expect(asked.sort()).toEqual([`${shop.factoryId}/cnc_milling_3axis`, `${shop.factoryId}/cnc_milling_5axis`]);
      const offers = await world.env.db.query(`SELECT job_line_id, factory_id FROM offers WHERE job_line_id = ANY($1) AND status = 'open'`, [
        [threeAxis.jobLineId, fiveAxis.jobLineId],
      ]);
      expect(offers).toEqual([{ job_line_id: fiveAxis.jobLineId, factory_id: shop.factoryId }]);
    } finally {
      capacity.mockRestore();
    }
  }, 120_000);
});

import { ProductionScheduling } from '@partsmith/production-scheduling';
import type { SignedIn } from '../support/given';
import { SourcingWorld, type ReadyFactory } from './sourcing-world';

const DOWNTIME = `mutation D($machineId: ID!, $from: DateTime!, $to: DateTime!) {
  addMachineDowntime(machineId: $machineId, from: $from, to: $to, reason: "spindle rebuild") { __typename ... on ErrorResult { errorCode message } } }`;

describe('sourcing: ranking uses each factory’s real plan (production scheduling’s earliest completion), not a declared capacity', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  const factories = new Map<string, ReadyFactory>();
  let part: { partId: string };

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    for (const f of [await world.factory(), await world.factory()]) factories.set(f.factoryId, f);
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  it('a factory whose machines are down past the due date drops behind one that can ship in time', async () => {
    const first = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const preferred = (await world.openOffer(first.jobLineId))!.factory_id;
    const other = [...factories.keys()].find((id) => id !== preferred)!;

    // The preferred factory’s machines are all down for two months, well past the due date.
    const machines = await world.env.db.query(`SELECT id FROM factory_machines WHERE factory_id = $1`, [preferred]);
    expect(machines.length).toBeGreaterThan(0);
    for (const { id } of machines) {
      const result = (await world.gql(DOWNTIME, { machineId: id, from: new Date().toISOString(), to: new Date(Date.now() + 60 * 86_400_000).toISOString() }, factories.get(preferred)!.accessToken))
        .addMachineDowntime;
      expect(result.__typename).toBe('MachineDowntime');
    }
    world.worker.get(ProductionScheduling).forgetPlans();

    const second = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const [due] = await world.env.db.query(`SELECT due_date FROM job_lines WHERE id = $1`, [second.jobLineId]);
    expect(due.due_date.getTime()).toBeLessThan(Date.now() + 60 * 86_400_000);
    expect((await world.openOffer(second.jobLineId))!.factory_id).toBe(other);
    const ranked = await world.env.db.query(`SELECT factory_id, rank, score::int AS score FROM sourcing_candidates WHERE job_line_id = $1 ORDER BY rank`, [second.jobLineId]);
    expect(ranked.map((r: any) => r.factory_id)).toEqual([other, preferred]);
    // The late factory carries the lateness penalty on top of the same payout price.
    expect(ranked[1].score).toBeGreaterThan(ranked[0].score);
  }, 90_000);
});

import { boxStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';
import { eventually } from '../support/harness';
import { SchedulingWorld } from './scheduling-world';

const REQUEST = `mutation Q($input: RequestQuoteInput!) { requestQuote(input: $input) { __typename ... on Quote { id } ... on ErrorResult { message } } }`;
const QUOTE = `query Q($id: ID!) { quote(id: $id) { status assumptions breaks { quantity leadTimeDays leadTimes { tier businessDays } } } }`;

describe('quotes take lead times from the factories’ real plans', () => {
  const world = new SchedulingWorld();
  beforeAll(() => world.start(), 180_000);
  afterAll(() => world.stop());

  async function leadDays(quantities: number[]): Promise<{ days: number; assumptions: string[] }> {
    const upload = await uploadPart(world.api.url, world.designer.accessToken, 'plate.stl', boxStl([80, 50, 15]));
    await eventually(async () => {
      const [row] = await world.env.db.query(`SELECT status FROM part_revisions WHERE id = $1`, [upload.body.revisionId]);
      return row.status === 'analyzed' ? true : undefined;
    }, 30_000, 'analysis');
    const { requestQuote } = await world.gql(REQUEST, { input: { partId: upload.body.partId, process: 'cnc_milling_5axis', material: 'aluminum_6061', quantities } }, world.designer.accessToken);
    const quote = await eventually(async () => {
      const q = (await world.gql(QUOTE, { id: requestQuote.id }, world.designer.accessToken)).quote;
      return q.status === 'pending' ? undefined : q;
    }, 30_000, 'the quote');
    return { days: quote.breaks[0].leadTimeDays, assumptions: quote.assumptions };
  }

  it('quotes a later ship date once the only eligible factory’s machines are booked', async () => {
    const idle = await leadDays([1, 10]);
    expect(idle.assumptions.join(' ')).toMatch(/earliest start \(\d+ business days\) the 1 best-scored eligible/);

    // weeks of machining booked on both units of the factory's mill (the 3-axis work runs on its 5-axis machines)
    const due = new Date(Date.now() + 90 * 86_400_000);
    const booked = [await world.awardedJobLine({ quantity: 10, due, machineHoursTotal: 300 }), await world.awardedJobLine({ quantity: 10, due, machineHoursTotal: 300 })];
    await world.planWith(booked);

    const busy = await leadDays([1, 11]); // another configuration: a new quote, priced against the new plan
    expect(busy.days).toBeGreaterThan(idle.days);
    expect(busy.assumptions.join(' ')).toMatch(/earliest start \((\d+) business days\)/);
  });
});

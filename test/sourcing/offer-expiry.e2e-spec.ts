import type { SignedIn } from '../support/given';
import { eventually } from '../support/harness';
import { ACCEPT, SourcingWorld, type ReadyFactory } from './sourcing-world';

describe('sourcing: an unanswered offer expires (delayed outbox job) and passes to the next factory, then the job stalls', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  const factories = new Map<string, ReadyFactory>();

  beforeAll(async () => {
    await world.start({ SOURCING_OFFER_TTL_SECONDS: '2' });
    designer = await world.designer();
    for (const f of [await world.factory(), await world.factory()]) factories.set(f.factoryId, f);
  }, 180_000);
  afterAll(() => world.stop());

  it('times out, is offered to the other factory, times out again, and the job stalls with a reason', async () => {
    const part = await world.analysedPart(designer);
    const { jobLineId } = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const first = (await world.openOffer(jobLineId))!;

    const second = await eventually(async () => {
      const offer = await world.openOffer(jobLineId);
      return offer && offer.id !== first.id ? offer : undefined;
    }, 15_000, 'the offer to pass on');
    expect(second.factory_id).not.toBe(first.factory_id);
    const [expired] = await world.env.db.query(`SELECT status FROM offers WHERE id = $1`, [first.id]);
    expect(expired.status).toBe('expired');
    const late = (await world.gql(ACCEPT, { id: first.id }, factories.get(first.factory_id)!.accessToken)).acceptOffer;
    expect(late).toMatchObject({ __typename: 'OfferNotOpenError' });
    expect(await world.env.db.query(`SELECT kind FROM factory_score_events WHERE source_ref = $1`, [`offer:${first.id}`])).toEqual([{ kind: 'offer_declined' }]);

    const stalled = await eventually(async () => {
      const [job] = await world.env.db.query(`SELECT status, stalled_reason FROM sourcing_jobs WHERE job_line_id = $1`, [jobLineId]);
      return job.status === 'stalled' ? job : undefined;
    }, 15_000, 'the job to stall');
    expect(stalled.stalled_reason).toBe('all 2 eligible factories were offered the job');
    const [line] = await world.env.db.query(`SELECT status FROM job_lines WHERE id = $1`, [jobLineId]);
    expect(line.status).toBe('sourcing');
  }, 60_000);
});

import { InvalidInputError } from '@partsmith/platform';
import { JobLineSplitting } from '@partsmith/orders';
import { SourcingJobs } from '@partsmith/sourcing';
import type { SignedIn } from '../support/given';
import { ACCEPT, BOARD, SourcingWorld, type ReadyFactory } from './sourcing-world';

const ORDER = `query O($id: ID!) { order(id: $id) { id lines { jobLine { id status quantity splitOf } } } }`;
const HOUR = 3_600_000;

describe('sourcing: a line no single factory can make by its due date is split across a cluster at minimum cost', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  const factories = new Map<string, ReadyFactory>();
  let part: { partId: string };

  beforeAll(async () => {
    await world.start({ FACTORY_PROBATION_MAX_JOB_VALUE_MINOR: '1000000000' }); // 400 parts are worth more than a probation factory may take
    designer = await world.designer();
    for (const f of [await world.factory(), await world.factory(), await world.factory()]) factories.set(f.factoryId, f);
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  const dueIn = (jobLineId: string, ms: number) => world.splitDecisionIfDueIn(jobLineId, ms);
  const clusterOnlyDue = (jobLineId: string) => world.clusterOnlyDue(jobLineId);
  const asFreshlyPaid = (jobLineId: string) => world.asFreshlyPaid(jobLineId);

  it('splits within capacities, each part its own job line, offer, award and escrow allocation; the shares add up to the line', async () => {
    const quantity = 400;
    const { jobLineId, orderId, totalMinor } = await world.paidJobLine(designer, part.partId, { allowSplitting: true }, { quantity });
    const decision = await clusterOnlyDue(jobLineId);
    const [parent] = await world.env.db.query(`SELECT gross_minor::int AS gross, payout_minor::int AS payout FROM sourcing_jobs WHERE job_line_id = $1`, [jobLineId]);
    const capacity = new Map(decision.capacities.map((c) => [c.candidate.factoryId, c.units]));
    expect(Math.max(...capacity.values())).toBeLessThan(quantity);
    await asFreshlyPaid(jobLineId);

    expect(await world.sweep()).toMatchObject({ opened: 1 });
    const [line] = await world.env.db.query(`SELECT status FROM job_lines WHERE id = $1`, [jobLineId]);
    expect(line.status).toBe('split');
    const [closed] = await world.env.db.query(`SELECT status, stalled_reason FROM sourcing_jobs WHERE job_line_id = $1`, [jobLineId]);
    const parts = await world.env.db.query(
      `SELECT j.id, j.quantity, j.status, s.gross_minor::int AS gross, s.payout_minor::int AS payout, o.id AS offer_id, o.factory_id, o.source, o.price_minor::int AS price
         FROM job_lines j JOIN sourcing_jobs s ON s.job_line_id = j.id LEFT JOIN offers o ON o.job_line_id = j.id AND o.status = 'open'
        WHERE j.split_of = $1 ORDER BY j.quantity DESC, j.id`,
      [jobLineId],
    );
    expect(closed).toEqual({ status: 'closed', stalled_reason: `split into ${parts.length} parts` });
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.reduce((s: number, p: any) => s + p.quantity, 0)).toBe(quantity);
    expect(parts.reduce((s: number, p: any) => s + p.gross, 0)).toBe(parent.gross);
    expect(parts.reduce((s: number, p: any) => s + p.payout, 0)).toBe(parent.payout);
    expect(new Set(parts.map((p: any) => p.factory_id)).size).toBe(parts.length);
    for (const p of parts) {
      expect(p).toMatchObject({ status: 'sourcing', source: 'split', price: p.payout });
      expect(p.quantity).toBeLessThanOrEqual(capacity.get(p.factory_id)!);
    }
    // The same quantities as the decision taken before the sweep (same plans, same engine).
    const planned = decision.result!.status === 'optimal' ? decision.result!.parts : [];
    expect(parts.map((p: any) => [p.factory_id, p.quantity]).sort()).toEqual(planned.map((p) => [p.factory, p.quantity]).sort());

    // The order still shows its line (now split); the designer's board shows the parts.
    const order = (await world.gql(ORDER, { id: orderId }, designer.accessToken)).order;
    expect(order.lines[0].jobLine).toMatchObject({ id: jobLineId, status: 'split', splitOf: null });
    const board = (await world.gql(BOARD, {}, designer.accessToken)).jobBoard.edges.map((e: any) => e.node.id);
    for (const p of parts) expect(board).toContain(p.id);

    // Each factory accepts its part: one award and one escrow allocation per part.
    for (const p of parts) {
      const award = (await world.gql(ACCEPT, { id: p.offer_id }, factories.get(p.factory_id)!.accessToken)).acceptOffer;
      expect(award).toMatchObject({ __typename: 'Award', jobLineId: p.id, factoryId: p.factory_id, payoutMinor: p.payout });
    }
    const allocations = await world.env.db.query(`SELECT allocation_key, gross_minor::int AS gross, payout_minor::int AS payout FROM escrow_allocations WHERE order_id = $1 ORDER BY allocation_key`, [orderId]);
    expect(allocations).toEqual(parts.map((p: any) => ({ allocation_key: p.id, gross: p.gross, payout: p.payout })).sort((x: any, y: any) => (x.allocation_key < y.allocation_key ? -1 : 1)));
    expect(allocations.reduce((s: number, a: any) => s + a.gross, 0)).toBe(totalMinor);
  }, 120_000);

  it('does not split a line whose designer did not allow it (the cascade offers it, lateness-ranked); bad splits are refused and change nothing', async () => {
    const { jobLineId } = await world.paidJobLine(designer, part.partId, { allowSplitting: false }, { quantity: 400 });
    await world.worker.get(SourcingJobs).open(world.systemCtx(), jobLineId);
    expect((await dueIn(jobLineId, 6 * HOUR)).result).toBeNull();
    await asFreshlyPaid(jobLineId);
    await world.sweep();
    expect((await world.env.db.query(`SELECT status FROM job_lines WHERE id = $1`, [jobLineId]))[0].status).toBe('sourcing');
    expect(await world.env.db.query(`SELECT id FROM job_lines WHERE split_of = $1`, [jobLineId])).toEqual([]);
    expect((await world.env.db.query(`SELECT source FROM offers WHERE job_line_id = $1 AND status = 'open'`, [jobLineId]))[0]).toEqual({ source: 'cascade' });

    const splitting = world.worker.get(JobLineSplitting);
    const ctx = world.systemCtx();
    await expect(splitting.split(ctx, jobLineId, [200, 200], 'test')).rejects.toBeInstanceOf(InvalidInputError); // not allowed by the designer
    const allowed = await world.paidJobLine(designer, part.partId, { allowSplitting: true }, { quantity: 30 });
    await expect(splitting.split(ctx, allowed.jobLineId, [10, 10], 'test')).rejects.toThrow('add up to 20 but job line');
    await expect(splitting.split(ctx, allowed.jobLineId, [30], 'test')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(splitting.split(ctx, allowed.jobLineId, [15.5, 14.5], 'test')).rejects.toBeInstanceOf(InvalidInputError);
    expect((await world.env.db.query(`SELECT status FROM job_lines WHERE id = $1`, [allowed.jobLineId]))[0].status).toBe('sourcing');
    expect(await world.env.db.query(`SELECT id FROM job_lines WHERE split_of = ANY($1)`, [[jobLineId, allowed.jobLineId]])).toEqual([]);
  }, 120_000);
});

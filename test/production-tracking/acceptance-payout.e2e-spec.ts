import { outboxJobId, QueueRegistry } from '@partsmith/platform';
import { eventually } from '../support/harness';
import { ACCEPT_DELIVERY, DELIVERED, DISPUTE, PROGRESS, ProductionWorld } from './production-world';

const WINDOW_SECONDS = 3;

describe('acceptance window, automatic acceptance and payout: delivered → accepted → paid_out, order completed (API, worker, Stripe emulator)', () => {
  const world = new ProductionWorld();

  beforeAll(() => world.setUp({ ACCEPTANCE_WINDOW_SECONDS: String(WINDOW_SECONDS) }), 180_000);
  afterAll(() => world.stop());

  /** Waits until the delayed auto-acceptance job of a job line has run (whatever it decided). */
  async function autoAcceptRan(jobLineId: string): Promise<void> {
    const [row] = await world.env.db.query(`SELECT id FROM outbox WHERE name = 'production.delivery.auto-accept' AND payload->>'jobLineId' = $1`, [jobLineId]);
    expect(row).toBeDefined();
    const queue = world.worker.get(QueueRegistry).queue('production');
    await eventually(async () => ((await (await queue.getJob(outboxJobId(String(row.id))))?.isCompleted()) ? true : undefined), 20_000, 'the auto-acceptance job');
  }

  const history = async (jobLineId: string) =>
    world.env.db.query(`SELECT to_status, actor_role, reason FROM order_events WHERE job_line_id = $1 ORDER BY id`, [jobLineId]) as Promise<Array<{ to_status: string; actor_role: string | null; reason: string | null }>>;

  it('without an answer the line is accepted automatically when the window closes, exactly as a designer acceptance; the transfer makes it paid_out and completes the order', async () => {
    const line = await world.awardedLine();
    await world.delivered(line);
    const delivered = (await world.as(world.buyer, PROGRESS, { id: line.jobLineId })).jobLineProgress;
    expect(delivered.status).toBe('delivered');
    const deliveredAt = new Date(delivered.shipment.deliveredAt).getTime();
    expect(new Date(delivered.acceptBy).getTime()).toBe(deliveredAt + WINDOW_SECONDS * 1000);

    await world.untilStatus(line.jobLineId, 'paid_out', 30_000);
    const steps = await history(line.jobLineId);
    const accepted = steps.find((s) => s.to_status === 'accepted')!;
    expect(accepted).toMatchObject({ actor_role: null, reason: expect.stringContaining('acceptance window closed') });
    expect(steps.map((s) => s.to_status).slice(-3)).toEqual(['delivered', 'accepted', 'paid_out']);
    const [acceptedAt] = await world.env.db.query(`SELECT at FROM order_events WHERE job_line_id = $1 AND to_status = 'accepted'`, [line.jobLineId]);
    expect(new Date(acceptedAt.at).getTime()).toBeGreaterThanOrEqual(deliveredAt + WINDOW_SECONDS * 1000 - 50);

    // The same effects as the designer's acceptance: escrow released, one transfer, scorecard events.
    await world.settle();
    expect(await world.env.db.query(`SELECT status FROM escrow_allocations WHERE allocation_key = $1`, [line.jobLineId])).toEqual([{ status: 'released' }]);
    expect(await world.env.db.query(`SELECT status FROM factory_transfers WHERE order_id = $1`, [line.orderId])).toEqual([{ status: 'created' }]);
    const score = await world.env.db.query(`SELECT kind FROM factory_score_events WHERE source_ref = $1 ORDER BY kind`, [`job_line:${line.jobLineId}`]);
    expect(score.map((s: any) => s.kind)).toEqual(['accepted_clean', 'delivery_on_time']);
    expect(await world.held(line.orderId)).toBe(0);
    expect(await world.orderStatus(line.orderId)).toBe('completed');
    const orderSteps = await world.env.db.query(`SELECT to_status FROM order_events WHERE order_id = $1 AND job_line_id IS NULL ORDER BY id`, [line.orderId]);
    expect(orderSteps.map((s: any) => s.to_status)).toEqual(['draft', 'awaiting_payment', 'paid', 'in_progress', 'completed']);
    expect(await world.reconcile()).toEqual([]);
  }, 120_000);

  it('a designer acceptance inside the window pays out at once; the window’s job then changes nothing', async () => {
    const line = await world.awardedLine();
    await world.delivered(line);
    expect((await world.as(world.buyer, ACCEPT_DELIVERY, { id: line.jobLineId })).acceptDelivery).toMatchObject({ status: 'accepted' });
    await world.untilStatus(line.jobLineId, 'paid_out');
    expect(await world.orderStatus(line.orderId)).toBe('completed');
    await autoAcceptRan(line.jobLineId);
    await world.settle();
    expect((await history(line.jobLineId)).filter((s) => s.to_status === 'accepted')).toEqual([expect.objectContaining({ actor_role: 'designer', reason: 'accepted by the designer' })]);
    expect(await world.env.db.query(`SELECT count(*)::int AS n FROM factory_transfers WHERE order_id = $1`, [line.orderId])).toEqual([{ n: 1 }]);
    expect(await world.jobLineStatus(line.jobLineId)).toBe('paid_out');
  }, 120_000);

  it('a dispute inside the window stops the automatic acceptance: the line stays disputed and nothing is paid', async () => {
    const line = await world.awardedLine();
    await world.delivered(line);
    expect((await world.as(world.buyer, DISPUTE, { id: line.jobLineId, reason: 'the bores are 0.2 mm oversize' })).openDispute).toMatchObject({ status: 'disputed' });
    await autoAcceptRan(line.jobLineId);
    await world.settle();
    expect(await world.jobLineStatus(line.jobLineId)).toBe('disputed');
    expect(await world.orderStatus(line.orderId)).toBe('in_progress');
    expect(await world.env.db.query(`SELECT id FROM factory_transfers WHERE order_id = $1`, [line.orderId])).toEqual([]);
    expect(await world.held(line.orderId)).toBe(line.totalMinor);
  }, 120_000);

  it('delivery is only the awarded factory’s to report, and the window starts once', async () => {
    const line = await world.awardedLine();
    await world.delivered(line);
    expect(await world.errorCode(line.winner, DELIVERED, { id: line.jobLineId })).toBe('ILLEGAL_TRANSITION');
    expect(await world.errorCode(line.loser, DELIVERED, { id: line.jobLineId })).toBe('NOT_FOUND');
    expect(await world.env.db.query(`SELECT count(*)::int AS n FROM outbox WHERE name = 'production.delivery.auto-accept' AND payload->>'jobLineId' = $1`, [line.jobLineId])).toEqual([{ n: 1 }]);
  }, 120_000);
});

import { CANCEL_LINE, PROGRESS, ProductionWorld, SHIP } from './production-world';

const CANCEL_ORDER = `mutation C($id: ID!) { cancelOrder(orderId: $id, reason: "changed the design") { __typename ... on ErrorResult { errorCode message } } }`;

describe('operator cancellation after award, by policy (API, worker, Stripe emulator)', () => {
  const world = new ProductionWorld();

  beforeAll(() => world.setUp(), 180_000);
  afterAll(() => world.stop());

  const refunds = async (orderId: string) => (await world.env.db.query(`SELECT amount_minor::int AS amount FROM payment_refunds WHERE order_id = $1`, [orderId])).map((r: any) => r.amount);
  const allocation = async (jobLineId: string) => (await world.env.db.query(`SELECT gross_minor::int AS gross, payout_minor::int AS payout, status FROM escrow_allocations WHERE allocation_key = $1`, [jobLineId]))[0];

  it('before production starts: full refund, no compensation; only operators; the designer is pointed at operations', async () => {
    const line = await world.awardedLine();
    const input = { jobLineId: line.jobLineId, reason: 'The designer withdrew the part' };
    // The designer's own cancellation is refused after award, with the policy.
    const designerCancel = (await world.as(world.buyer, CANCEL_ORDER, { id: line.orderId })).cancelOrder;
    expect(designerCancel).toMatchObject({ errorCode: 'ORDER_NOT_CANCELLABLE', message: expect.stringContaining('operations') });
    expect(await world.errorCode(world.buyer, CANCEL_LINE, { input })).toBe('FORBIDDEN');
    expect(await world.errorCode(line.winner, CANCEL_LINE, { input })).toBe('FORBIDDEN');
    expect(await world.errorCode(world.otherBuyer, CANCEL_LINE, { input })).toBe('NOT_FOUND');
    expect(await world.errorCode(line.loser, CANCEL_LINE, { input })).toBe('NOT_FOUND');
    expect((await world.as(world.operator, CANCEL_LINE, { input: { ...input, reason: ' ' } })).cancelJobLine).toMatchObject({ __typename: 'InputValidationError', field: 'reason' });
    const compensated = (await world.as(world.operator, CANCEL_LINE, { input: { ...input, factoryCompensationMinor: 500 } })).cancelJobLine;
    expect(compensated).toMatchObject({ __typename: 'CompensationNotAllowedError', errorCode: 'COMPENSATION_NOT_ALLOWED' });
    expect(['awarded', 'scheduled']).toContain(await world.jobLineStatus(line.jobLineId)); // the scheduling worker may have planned it meanwhile
    expect(await refunds(line.orderId)).toEqual([]);

    const cancelled = (await world.as(world.operator, CANCEL_LINE, { input })).cancelJobLine;
    const share = await allocation(line.jobLineId);
    expect(cancelled).toMatchObject({ __typename: 'JobLineCancellation', compensationMinor: 0, refundMinor: share.gross, currency: 'EUR' });
    expect(share.status).toBe('refunded');
    expect(await world.jobLineStatus(line.jobLineId)).toBe('cancelled');
    expect(await world.orderStatus(line.orderId)).toBe('cancelled');
    expect(await refunds(line.orderId)).toEqual([share.gross]);
    // Both sides read the cancellation.
    for (const who of [world.buyer, line.winner]) {
      expect((await world.as(who, PROGRESS, { id: line.jobLineId })).jobLineProgress.cancellation).toMatchObject({ reason: input.reason, refundMinor: share.gross });
    }
    // Twice is a typed error.
    expect((await world.as(world.operator, CANCEL_LINE, { input })).cancelJobLine).toMatchObject({ __typename: 'JobLineNotCancellableError' });
    await world.settle();
    expect(await world.held(line.orderId)).toBe(0);
  }, 180_000);

  it('in production: the factory keeps the agreed compensation (at most its payout), the designer gets the rest back; after shipping it is refused', async () => {
    const line = await world.awardedLine();
    await world.inProduction(line);
    const share = await allocation(line.jobLineId);
    const input = { jobLineId: line.jobLineId, reason: 'Material shortage, designer agreed to stop' };
    const tooMuch = (await world.as(world.operator, CANCEL_LINE, { input: { ...input, factoryCompensationMinor: share.payout + 1 } })).cancelJobLine;
    expect(tooMuch).toMatchObject({ __typename: 'CompensationNotAllowedError' });
    expect((await world.as(world.operator, CANCEL_LINE, { input: { ...input, factoryCompensationMinor: -1 } })).cancelJobLine).toMatchObject({ __typename: 'InputValidationError' });
    expect(await world.jobLineStatus(line.jobLineId)).toBe('in_production');

    const compensation = Math.floor(share.payout / 4);
    const cancelled = (await world.as(world.operator, CANCEL_LINE, { input: { ...input, factoryCompensationMinor: compensation } })).cancelJobLine;
    expect(cancelled).toMatchObject({ __typename: 'JobLineCancellation', compensationMinor: compensation, refundMinor: share.gross - compensation });
    await world.settle();
    expect(await world.jobLineStatus(line.jobLineId)).toBe('cancelled');
    expect(await world.env.db.query(`SELECT amount_minor::int AS amount, status FROM factory_transfers WHERE order_id = $1`, [line.orderId])).toEqual([{ amount: compensation, status: 'created' }]);
    expect(await refunds(line.orderId)).toEqual([share.gross - compensation]);
    expect(await world.held(line.orderId)).toBe(0);
    expect(await world.orderStatus(line.orderId)).toBe('cancelled');
    // Its operations left the factory's plan.
    const jobs = await world.env.db.query(`SELECT status FROM production_jobs WHERE job_line_id = $1`, [line.jobLineId]);
    expect(jobs.every((j: any) => j.status === 'cancelled')).toBe(true);
    const [audit] = await world.env.db.query(`SELECT details FROM audit_log WHERE action = 'job_line.cancelled_by_operator' AND subject_id = $1`, [line.jobLineId]);
    expect(audit.details).toMatchObject({ compensationMinor: compensation, refundMinor: share.gross - compensation });
    expect(await world.reconcile()).toEqual([]);

    const shipped = await world.awardedLine();
    await world.inProduction(shipped);
    expect((await world.as(shipped.winner, SHIP, { id: shipped.jobLineId })).shipJobLine.status).toBe('shipped');
    const refused = (await world.as(world.operator, CANCEL_LINE, { input: { jobLineId: shipped.jobLineId, reason: 'too late' } })).cancelJobLine;
    expect(refused).toMatchObject({ __typename: 'JobLineNotCancellableError', message: expect.stringContaining('dispute') });
    expect(await world.jobLineStatus(shipped.jobLineId)).toBe('shipped');
  }, 240_000);
});

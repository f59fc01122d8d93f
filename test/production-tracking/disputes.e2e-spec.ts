import { eventually } from '../support/harness';
import { DISPUTE, JPEG, PDF, PNG, PROGRESS, ProductionWorld, RESOLVE, RESPOND, type AwardedLine } from './production-world';

const MEASUREMENTS = [
  { feature: 'bore Ø12 H7', nominalMm: 12, measuredMm: 12.21, toleranceMm: 0.018 },
  { feature: 'overall length', nominalMm: 50, measuredMm: 50.02 },
];

describe('disputes: the designer’s evidence, the factory’s response, the operator’s release / refund / split through payments (API, worker, Stripe emulator)', () => {
  const world = new ProductionWorld();

  beforeAll(() => world.setUp(), 180_000);
  afterAll(() => world.stop());

  async function disputedLine(): Promise<AwardedLine & { disputeId: string }> {
    const line = await world.awardedLine();
    await world.delivered(line);
    const opened = (await world.as(world.buyer, DISPUTE, { id: line.jobLineId, reason: 'Bores oversize, parts do not fit the bearing', measurements: MEASUREMENTS })).openDispute;
    expect(opened).toMatchObject({ __typename: 'JobLineProgress', status: 'disputed', dispute: { reason: 'Bores oversize, parts do not fit the bearing', resolution: null } });
    return { ...line, disputeId: opened.dispute.id };
  }

  const allocationOf = async (jobLineId: string) => {
    const [row] = await world.env.db.query(`SELECT gross_minor::int AS gross, payout_minor::int AS payout, status FROM escrow_allocations WHERE allocation_key = $1`, [jobLineId]);
    return row as { gross: number; payout: number; status: string };
  };

  it('opening a dispute: typed errors for bad input and the wrong people; evidence from both sides; the factory answers', async () => {
    const line = await world.awardedLine();
    await world.delivered(line);
    const { jobLineId, winner, loser } = line;

    expect((await world.as(world.buyer, DISPUTE, { id: jobLineId, reason: '  ' })).openDispute).toMatchObject({ __typename: 'InputValidationError', field: 'reason' });
    const badMeasure = (await world.as(world.buyer, DISPUTE, { id: jobLineId, reason: 'oversize', measurements: [{ feature: 'bore', nominalMm: -12, measuredMm: 12.2 }] })).openDispute;
    expect(badMeasure).toMatchObject({ __typename: 'InputValidationError', field: 'measurements' });
    expect(await world.errorCode(winner, DISPUTE, { id: jobLineId, reason: 'oversize' })).toBe('FORBIDDEN');
    expect(await world.errorCode(world.otherBuyer, DISPUTE, { id: jobLineId, reason: 'oversize' })).toBe('NOT_FOUND');
    expect(await world.jobLineStatus(jobLineId)).toBe('delivered');
    expect(await world.env.db.query(`SELECT 1 FROM delivery_disputes d JOIN escrow_allocations a ON a.id = d.allocation_id WHERE a.allocation_key = $1`, [jobLineId])).toEqual([]);

    const opened = (await world.as(world.buyer, DISPUTE, { id: jobLineId, reason: 'Bores oversize', measurements: MEASUREMENTS })).openDispute;
    expect(opened.dispute.measurements).toEqual([MEASUREMENTS[0], { ...MEASUREMENTS[1], toleranceMm: null }]);
    const disputeId = opened.dispute.id;

    // Evidence: the designer's photos, the factory's report; nobody else.
    const path = `/production/disputes/${disputeId}/evidence`;
    expect((await world.upload(path, world.buyer, 'bore.jpg', JPEG)).body).toMatchObject({ purpose: 'dispute_evidence', uploaderSide: 'designer', disputeId });
    expect((await world.upload(path, winner, 'final-inspection.pdf', PDF)).body).toMatchObject({ uploaderSide: 'factory' });
    expect((await world.upload(path, world.buyer, 'notes.txt', 'the bore is big')).status).toBe(400);
    expect((await world.upload(path, loser, 'x.png', PNG)).status).toBe(404);
    expect((await world.upload(path, world.otherBuyer, 'x.png', PNG)).status).toBe(404);
    expect((await world.upload(path, world.operator, 'x.png', PNG)).status).toBe(403);

    // The factory's side.
    expect((await world.as(winner, RESPOND, { id: disputeId, response: ' ' })).respondToDispute).toMatchObject({ __typename: 'InputValidationError' });
    expect(await world.errorCode(world.buyer, RESPOND, { id: disputeId, response: 'we disagree' })).toBe('FORBIDDEN');
    expect(await world.errorCode(loser, RESPOND, { id: disputeId, response: 'we disagree' })).toBe('NOT_FOUND');
    const answered = (await world.as(winner, RESPOND, { id: disputeId, response: 'Our CMM report shows the bores in tolerance at 20 °C.' })).respondToDispute;
    expect(answered).toMatchObject({ __typename: 'JobLineDispute', factoryResponse: 'Our CMM report shows the bores in tolerance at 20 °C.' });
    expect(answered.evidence.map((f: any) => f.uploaderSide)).toEqual(['designer', 'factory']);

    // Both sides and operators read the same dispute; others see nothing.
    for (const who of [world.buyer, winner, world.operator]) {
      const seen = (await world.as(who, PROGRESS, { id: jobLineId })).jobLineProgress.dispute;
      expect(seen).toMatchObject({ id: disputeId, reason: 'Bores oversize', factoryResponse: answered.factoryResponse });
    }
    expect(await world.errorCode(world.otherBuyer, PROGRESS, { id: jobLineId })).toBe('NOT_FOUND');

    // The factory hears of the dispute, the designer of the response.
    await eventually(async () => {
      const rows = await world.env.db.query(`SELECT user_id, subject_status FROM notifications WHERE type = 'job_line.dispute' AND subject_id = $1`, [disputeId]);
      const has = (userId: string, status: string) => rows.some((r: any) => r.user_id === userId && r.subject_status === status);
      return has(winner.userId, 'opened') && has(world.buyer.userId, 'responded') ? true : undefined;
    }, 20_000, 'dispute notifications');
  }, 180_000);

  it('the operator decides: only operators, with a written decision; a bad split is a typed error that changes nothing', async () => {
    const line = await disputedLine();
    const input = { disputeId: line.disputeId, resolution: 'release', decision: 'The CMM report is convincing.' };
    expect(await world.errorCode(world.buyer, RESOLVE, { input })).toBe('FORBIDDEN');
    expect(await world.errorCode(line.winner, RESOLVE, { input })).toBe('FORBIDDEN');
    expect(await world.errorCode(world.otherBuyer, RESOLVE, { input })).toBe('NOT_FOUND');
    expect((await world.as(world.operator, RESOLVE, { input: { ...input, decision: '' } })).resolveJobLineDispute).toMatchObject({ __typename: 'InputValidationError', field: 'decision' });
    const badSplit = (await world.as(world.operator, RESOLVE, { input: { ...input, resolution: 'split', factoryPercent: 100 } })).resolveJobLineDispute;
    expect(badSplit).toMatchObject({ __typename: 'InvalidSplitError', errorCode: 'INVALID_SPLIT' });
    expect(await world.jobLineStatus(line.jobLineId)).toBe('disputed');
    expect((await allocationOf(line.jobLineId)).status).toBe('disputed');
    expect(await world.env.db.query(`SELECT status FROM delivery_disputes WHERE id = $1`, [line.disputeId])).toEqual([{ status: 'open' }]);
  }, 180_000);

  it('release pays the factory (paid_out), refund returns the money (cancelled), split pays each its share; the ledger holds nothing and reconciles', async () => {
    const released = await disputedLine();
    const refunded = await disputedLine();
    const split = await disputedLine();

    const release = (await world.as(world.operator, RESOLVE, { input: { disputeId: released.disputeId, resolution: 'release', decision: 'The factory’s CMM report shows the bores in tolerance.' } })).resolveJobLineDispute;
    const releasedAllocation = await allocationOf(released.jobLineId);
    expect(release).toMatchObject({ __typename: 'JobLineDispute', resolution: 'release', factoryPercent: 100, refundMinor: 0, factoryPayoutMinor: releasedAllocation.payout });

    const refund = (await world.as(world.operator, RESOLVE, { input: { disputeId: refunded.disputeId, resolution: 'refund', decision: 'The parts are out of tolerance; the designer is refunded.' } })).resolveJobLineDispute;
    const refundedAllocation = await allocationOf(refunded.jobLineId);
    expect(refund).toMatchObject({ resolution: 'refund', factoryPercent: 0, refundMinor: refundedAllocation.gross, factoryPayoutMinor: 0 });

    const splitAllocation = await allocationOf(split.jobLineId);
    const resolvedSplit = (await world.as(world.operator, RESOLVE, { input: { disputeId: split.disputeId, resolution: 'split', factoryPercent: 60, decision: 'Half the lot is usable after rework: 60 % to the factory.' } })).resolveJobLineDispute;
    const releasedGross = Math.round((splitAllocation.gross * 60) / 100);
    const splitPayout = Math.min(Math.round((splitAllocation.payout * 60) / 100), releasedGross);
    expect(resolvedSplit).toMatchObject({ resolution: 'split', factoryPercent: 60, refundMinor: splitAllocation.gross - releasedGross, factoryPayoutMinor: splitPayout });

    // A second decision is refused.
    const again = (await world.as(world.operator, RESOLVE, { input: { disputeId: split.disputeId, resolution: 'refund', decision: 'changed my mind' } })).resolveJobLineDispute;
    expect(again).toMatchObject({ __typename: 'DisputeAlreadyResolvedError', errorCode: 'DISPUTE_ALREADY_RESOLVED' });

    await world.untilStatus(released.jobLineId, 'paid_out');
    await world.untilStatus(split.jobLineId, 'paid_out');
    expect(await world.jobLineStatus(refunded.jobLineId)).toBe('cancelled');
    await world.settle();
    expect(await world.orderStatus(released.orderId)).toBe('completed');
    expect(await world.orderStatus(split.orderId)).toBe('completed');
    expect(await world.orderStatus(refunded.orderId)).toBe('cancelled');

    const transfers = async (orderId: string) => (await world.env.db.query(`SELECT amount_minor::int AS amount, status FROM factory_transfers WHERE order_id = $1`, [orderId])) as Array<{ amount: number; status: string }>;
    expect(await transfers(released.orderId)).toEqual([{ amount: releasedAllocation.payout, status: 'created' }]);
    expect(await transfers(split.orderId)).toEqual([{ amount: splitPayout, status: 'created' }]);
    expect(await transfers(refunded.orderId)).toEqual([]);
    const refunds = async (orderId: string) => (await world.env.db.query(`SELECT amount_minor::int AS amount FROM payment_refunds WHERE order_id = $1`, [orderId])).map((r: any) => r.amount);
    expect(await refunds(refunded.orderId)).toEqual([refundedAllocation.gross]);
    expect(await refunds(split.orderId)).toEqual([splitAllocation.gross - releasedGross]);
    expect(await refunds(released.orderId)).toEqual([]);
    for (const line of [released, refunded, split]) expect(await world.held(line.orderId)).toBe(0);
    expect(await world.reconcile()).toEqual([]);

    // The decision is written for both sides, and both were told; every decision is audited.
    for (const who of [world.buyer, split.winner]) {
      const seen = (await world.as(who, PROGRESS, { id: split.jobLineId })).jobLineProgress.dispute;
      expect(seen).toMatchObject({ resolution: 'split', decision: 'Half the lot is usable after rework: 60 % to the factory.', factoryPercent: 60 });
    }
    await eventually(async () => {
      const rows = await world.env.db.query(`SELECT user_id FROM notifications WHERE type = 'job_line.dispute' AND subject_id = $1 AND subject_status = 'resolved'`, [split.disputeId]);
      const users = rows.map((r: any) => r.user_id);
      return users.includes(world.buyer.userId) && users.includes(split.winner.userId) ? true : undefined;
    }, 20_000, 'both sides told of the decision');
    const audits = await world.env.db.query(`SELECT details->>'resolution' AS resolution FROM audit_log WHERE action = 'job_line.dispute_resolved' AND subject_id = ANY($1)`, [[released.jobLineId, refunded.jobLineId, split.jobLineId]]);
    expect(audits.map((a: any) => a.resolution).sort()).toEqual(['refund', 'release', 'split']);
  }, 240_000);
});

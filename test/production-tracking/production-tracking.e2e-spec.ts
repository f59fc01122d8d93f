import type { SignedIn } from '../support/given';
import { eventually } from '../support/harness';
import { ACCEPT, SourcingWorld, type ReadyFactory } from '../sourcing/sourcing-world';

const ERR = '... on ErrorResult { __typename errorCode message }';
const PROGRESS_FIELDS = 'jobLineId orderId status dueDate factoryId milestones { id kind note factoryId createdAt } shipment { carrier trackingNumber shippedAt deliveredAt }';
const PROGRESS = `query P($id: ID!) { jobLineProgress(jobLineId: $id) { ${PROGRESS_FIELDS} } }`;
const MILESTONE = `mutation M($id: ID!, $kind: MilestoneKind!, $note: String) { postMilestone(jobLineId: $id, kind: $kind, note: $note) { __typename ... on JobLineMilestone { id kind note } ${ERR} } }`;
const SHIP = `mutation S($id: ID!, $carrier: String!, $tracking: String!) { shipJobLine(jobLineId: $id, carrier: $carrier, trackingNumber: $tracking) { __typename ... on JobLineProgress { ${PROGRESS_FIELDS} } ${ERR} } }`;
const DELIVERED = `mutation D($id: ID!) { markDelivered(jobLineId: $id) { __typename ... on JobLineProgress { ${PROGRESS_FIELDS} } ${ERR} } }`;
const ACCEPT_DELIVERY = `mutation A($id: ID!) { acceptDelivery(jobLineId: $id) { __typename ... on JobLineProgress { ${PROGRESS_FIELDS} } ${ERR} } }`;
const DISPUTE = `mutation D($id: ID!, $reason: String!) { openDispute(jobLineId: $id, reason: $reason) { __typename ... on JobLineProgress { ${PROGRESS_FIELDS} } ${ERR} } }`;

describe('production tracking and acceptance: milestones → shipped → delivered → accepted → transfer (API, worker, Stripe emulator)', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let otherDesigner: SignedIn;
  let a: ReadyFactory;
  let b: ReadyFactory;
  let part: { partId: string; revisionId: string };
  const byFactory = new Map<string, ReadyFactory>();

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    otherDesigner = await world.designer();
    [a, b] = [await world.factory(), await world.factory()];
    for (const f of [a, b]) byFactory.set(f.factoryId, f);
    part = await world.analysedPart(designer);
  }, 180_000);
  afterAll(() => world.stop());

  const request = (query: string, variables: Record<string, unknown>, who: SignedIn) => world.api.graphql.request(query, variables, who.accessToken);
  const gql = (query: string, variables: Record<string, unknown>, who: SignedIn) => world.gql(query, variables, who.accessToken);

  /** A paid job line awarded to the factory its offer went to (which accepts it); returns the winner and the loser. */
  async function awardedLine() {
    const paid = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const offer = (await world.openOffer(paid.jobLineId))!;
    const winner = byFactory.get(offer.factory_id)!;
    const loser = winner === a ? b : a;
    const award = (await gql(ACCEPT, { id: offer.id }, winner)).acceptOffer;
    expect(award).toMatchObject({ __typename: 'Award', jobLineId: paid.jobLineId, factoryId: winner.factoryId });
    return { ...paid, winner, loser };
  }

  it('the awarded factory posts milestones, ships and marks delivered; the designer accepts; the transfer is made and reconciliation finds nothing', async () => {
    const { jobLineId, orderId, winner, loser } = await awardedLine();

    // Before delivery the designer cannot accept: a typed error, nothing changes.
    const early = await request(ACCEPT_DELIVERY, { id: jobLineId }, designer);
    expect(early.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');

    // Nobody else reports production or sees it.
    const intruder = await request(MILESTONE, { id: jobLineId, kind: 'material_received' }, loser);
    expect(intruder.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await request(PROGRESS, { id: jobLineId }, loser)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await request(PROGRESS, { id: jobLineId }, otherDesigner)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await request(MILESTONE, { id: jobLineId, kind: 'material_received' }, designer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const first = (await gql(MILESTONE, { id: jobLineId, kind: 'material_received', note: '6061 bar stock in' }, winner)).postMilestone;
    expect(first).toMatchObject({ __typename: 'JobLineMilestone', kind: 'material_received', note: '6061 bar stock in' });
    expect((await gql(PROGRESS, { id: jobLineId }, designer)).jobLineProgress.status).toBe('in_production');
    for (const kind of ['in_production', 'quality_check', 'packed']) {
      expect((await gql(MILESTONE, { id: jobLineId, kind }, winner)).postMilestone).toMatchObject({ __typename: 'JobLineMilestone', kind });
    }
    expect((await gql(SHIP, { id: jobLineId, carrier: ' ', tracking: 'X' }, winner)).shipJobLine).toMatchObject({ __typename: 'InputValidationError', errorCode: 'INVALID_INPUT' });
    expect((await request(SHIP, { id: jobLineId, carrier: 'DHL', tracking: '1Z999' }, otherDesigner)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const shipped = (await gql(SHIP, { id: jobLineId, carrier: 'DHL Express', tracking: 'JD014600003828' }, winner)).shipJobLine;
    expect(shipped).toMatchObject({ __typename: 'JobLineProgress', status: 'shipped', factoryId: winner.factoryId, shipment: { carrier: 'DHL Express', trackingNumber: 'JD014600003828', deliveredAt: null } });
    expect((await request(MILESTONE, { id: jobLineId, kind: 'packed' }, winner)).errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect((await request(DELIVERED, { id: jobLineId }, designer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const delivered = (await gql(DELIVERED, { id: jobLineId }, winner)).markDelivered;
    expect(delivered).toMatchObject({ __typename: 'JobLineProgress', status: 'delivered' });
    expect(delivered.shipment.deliveredAt).not.toBeNull();
    const [allocation] = await world.env.db.query(`SELECT status, auto_release_at FROM escrow_allocations WHERE order_id = $1 AND allocation_key = $2`, [orderId, jobLineId]);
    expect(allocation.status).toBe('delivered');
    expect(allocation.auto_release_at).not.toBeNull();

    // Only the ordering organisation accepts; the factory and another designer cannot.
    expect((await request(ACCEPT_DELIVERY, { id: jobLineId }, winner)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await request(ACCEPT_DELIVERY, { id: jobLineId }, otherDesigner)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const accepted = (await gql(ACCEPT_DELIVERY, { id: jobLineId }, designer)).acceptDelivery;
    expect(accepted).toMatchObject({ __typename: 'JobLineProgress', status: 'accepted' });
    expect(accepted.milestones.map((m: any) => m.kind)).toEqual(['material_received', 'in_production', 'quality_check', 'packed']);
    expect((await request(ACCEPT_DELIVERY, { id: jobLineId }, designer)).errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');

    await world.settle();
    // Operators read every job line; the transfer made it paid_out.
    const paidOut = await eventually(async () => {
      const seen = (await gql(PROGRESS, { id: jobLineId }, world.operator)).jobLineProgress;
      return seen.status === 'paid_out' ? seen : undefined;
    }, 20_000, 'the job line to be paid out');
    expect(paidOut).toMatchObject({ status: 'paid_out', shipment: { carrier: 'DHL Express' } });
    const transfers = await world.env.db.query(`SELECT status, factory_organization_id FROM factory_transfers WHERE order_id = $1`, [orderId]);
    expect(transfers).toEqual([{ status: 'created', factory_organization_id: winner.organizationId }]);
    expect(await world.reconcile()).toEqual([]);

    const events = await world.env.db.query(`SELECT kind FROM factory_score_events WHERE factory_id = $1 AND source_ref = $2 ORDER BY kind`, [winner.factoryId, `job_line:${jobLineId}`]);
    expect(events.map((e: any) => e.kind)).toEqual(['accepted_clean', 'delivery_on_time']);
    const history = (await world.env.db.query(`SELECT to_status FROM order_events WHERE job_line_id = $1 ORDER BY id`, [jobLineId])).map((r: any) => r.to_status);
    expect(history).toEqual(expect.arrayContaining(['awarded', 'in_production', 'shipped', 'delivered', 'accepted', 'paid_out']));
    const audit = (await world.env.db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [jobLineId])).map((r: any) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['job_line.milestone', 'job_line.shipped', 'job_line.delivered', 'job_line.accepted']));
  }, 120_000);

  it('the designer disputes a delivery: the job line is disputed, the escrow held, the factory scored', async () => {
    const { jobLineId, orderId, winner } = await awardedLine();
    expect((await request(DISPUTE, { id: jobLineId, reason: 'too early' }, designer)).errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    await gql(MILESTONE, { id: jobLineId, kind: 'in_production' }, winner);
    await gql(SHIP, { id: jobLineId, carrier: 'UPS', tracking: '1Z12345E0205271688' }, winner);
    expect((await gql(DELIVERED, { id: jobLineId }, winner)).markDelivered.status).toBe('delivered');

    expect((await gql(DISPUTE, { id: jobLineId, reason: '  ' }, designer)).openDispute).toMatchObject({ __typename: 'InputValidationError' });
    expect((await request(DISPUTE, { id: jobLineId, reason: 'bores out of tolerance' }, winner)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const disputed = (await gql(DISPUTE, { id: jobLineId, reason: 'bores out of tolerance' }, designer)).openDispute;
    expect(disputed).toMatchObject({ __typename: 'JobLineProgress', status: 'disputed' });
    const [allocation] = await world.env.db.query(`SELECT status FROM escrow_allocations WHERE order_id = $1 AND allocation_key = $2`, [orderId, jobLineId]);
    expect(allocation.status).toBe('disputed');
    expect(await world.env.db.query(`SELECT reason FROM delivery_disputes WHERE order_id = $1`, [orderId])).toEqual([{ reason: 'bores out of tolerance' }]);
    expect(await world.env.db.query(`SELECT kind FROM factory_score_events WHERE factory_id = $1 AND source_ref = $2`, [winner.factoryId, `job_line:${jobLineId}`])).toEqual([{ kind: 'disputed' }]);
    expect((await request(ACCEPT_DELIVERY, { id: jobLineId }, designer)).errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
    await world.settle();
    expect(await world.env.db.query(`SELECT id FROM factory_transfers WHERE order_id = $1`, [orderId])).toEqual([]);
  }, 120_000);
});

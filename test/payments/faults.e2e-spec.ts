import { EscrowAllocation } from '@partsmith/payments';
import { PaymentsWorld } from './payments-world';

describe('payments: faults never move money twice', () => {
  const world = new PaymentsWorld();

  beforeAll(() => world.start(), 60_000);
  afterAll(() => world.stop());

  async function releasedOrder(payoutMinor = 8_000) {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const { orderId } = await world.paidOrder(designer, 10_000);
    await world.facade.registerAllocation(world.ctx(), { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 10_000, payoutMinor, inspectionRequired: false });
    return { orderId, factory };
  }

  const transferPosts = () => world.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/transfers');

  it('a 500 on transfer creation is retried by the SDK with the same key: one transfer', async () => {
    const { orderId } = await releasedOrder();
    const before = transferPosts().length;
    world.emulator.injectFault({ kind: 'server_error', count: 1, method: 'POST', pathPrefix: '/v1/transfers' });
    await world.facade.acceptDelivery(world.ctx(), { orderId, allocationKey: 'a' });
    await world.settle();
    const attempts = transferPosts().slice(before);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(new Set(attempts.map((a) => a.idempotencyKey))).toEqual(new Set([`order:${orderId}:transfer:a:1`]));
    expect((await world.stripe.transfers.list({ transfer_group: orderId })).data).toHaveLength(1);
    expect(await world.reconcile()).toEqual([]);
  });

  it('500s beyond the SDK’s retries fail the job; the job’s retry makes exactly one transfer', async () => {
    const { orderId } = await releasedOrder();
    world.emulator.injectFault({ kind: 'server_error', count: 3, method: 'POST', pathPrefix: '/v1/transfers' });
    await world.facade.acceptDelivery(world.ctx(), { orderId, allocationKey: 'a' });
    await world.settle(30_000);
    expect((await world.stripe.transfers.list({ transfer_group: orderId })).data).toHaveLength(1);
    const [row] = await world.env.db.query(`SELECT status, attempts FROM factory_transfers WHERE order_id = $1`, [orderId]);
    expect(row.status).toBe('created');
    expect(await world.reconcile()).toEqual([]);
  });

  it('responses lost after the transfer was made: the retries find it, still one transfer', async () => {
    const { orderId } = await releasedOrder();
    world.emulator.injectFault({ kind: 'lost_response', count: 4, method: 'POST', pathPrefix: '/v1/transfers' });
    await world.facade.acceptDelivery(world.ctx(), { orderId, allocationKey: 'a' });
    await world.settle(30_000);
    expect((await world.stripe.transfers.list({ transfer_group: orderId })).data).toHaveLength(1);
    expect(await world.reconcile()).toEqual([]);
  });

  it('100 concurrent release attempts: one release, one transfer', async () => {
    const { orderId } = await releasedOrder(7_000);
    const results = await Promise.all(Array.from({ length: 100 }, () => world.facade.acceptDelivery(world.ctx(), { orderId, allocationKey: 'a' })));
    expect(results.filter((r) => r instanceof EscrowAllocation)).toHaveLength(1);
    expect(results.filter((r) => !(r instanceof EscrowAllocation)).every((r) => 'errorCode' in r && r.errorCode === 'RELEASE_REFUSED')).toBe(true);
    await world.settle();
    expect((await world.stripe.transfers.list({ transfer_group: orderId })).data.map((t) => t.amount)).toEqual([7_000]);
    const [{ n }] = await world.env.db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE order_id = $1 AND kind = 'release'`, [orderId]);
    expect(n).toBe(1);
    expect(await world.reconcile()).toEqual([]);
  });

  it('the database refuses to change or delete ledger rows, and unbalanced entries', async () => {
    await expect(world.env.db.query(`UPDATE ledger_postings SET amount_minor = amount_minor + 1`)).rejects.toThrow(/append-only/);
    await expect(world.env.db.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
    await expect(world.env.db.query(`TRUNCATE ledger_postings, ledger_entries`)).rejects.toThrow(/append-only/);
    const runner = world.env.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const [entry] = await runner.query(`INSERT INTO ledger_entries (entry_key, kind, order_id, currency, memo) VALUES ('test:unbalanced', 'capture', NULL, 'EUR', 'x') RETURNING id`);
      await runner.query(`INSERT INTO ledger_postings (entry_id, account, account_type, currency, amount_minor) VALUES ($1, 'processor_balance', 'processor_balance', 'EUR', 100)`, [entry.id]);
      await expect(runner.commitTransaction()).rejects.toThrow(/does not balance/);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    const held = world.env.db.createQueryRunner();
    await held.startTransaction();
    try {
      const [entry] = await held.query(`INSERT INTO ledger_entries (entry_key, kind, order_id, currency, memo) VALUES ('test:overdraw', 'release', NULL, 'EUR', 'x') RETURNING id`);
      await held.query(
        `INSERT INTO ledger_postings (entry_id, account, account_type, currency, amount_minor) VALUES
           ($1, 'designer_funds_held:00000000-0000-0000-0000-000000000000', 'designer_funds_held', 'EUR', 100), ($1, 'platform_fee_revenue', 'platform_fee_revenue', 'EUR', -100)`,
        [entry.id],
      );
      await expect(held.commitTransaction()).rejects.toThrow(/would be negative/);
    } finally {
      if (held.isTransactionActive) await held.rollbackTransaction();
      await held.release();
    }
  });
});

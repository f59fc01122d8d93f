import { PaymentsWorld } from './payments-world';

const STATUS = `query P($orderId: ID!) { orderPayment(orderId: $orderId) { status escrow { capturedMinor refundedMinor heldMinor } chargebacks { status } } }`;

/** An order's ledger with ids replaced by the account type, so two orders with the same history compare equal. */
async function normalisedLedger(world: PaymentsWorld, orderId: string): Promise<string[]> {
  const rows: Array<{ kind: string; account_type: string; amount_minor: string }> = await world.env.db.query(
    `SELECT e.kind, p.account_type, p.amount_minor FROM ledger_entries e JOIN ledger_postings p ON p.entry_id = e.id WHERE e.order_id = $1`,
    [orderId],
  );
  return rows.map((row) => `${row.kind} ${row.account_type} ${row.amount_minor}`).sort();
}

describe('payments: webhooks (signatures, duplicates, any order, replay)', () => {
  const world = new PaymentsWorld();

  beforeAll(() => world.start(), 60_000);
  afterAll(() => world.stop());

  it('verifies the signature on the raw body before anything else', async () => {
    const body = JSON.stringify({ id: 'evt_forged', object: 'event', created: Math.floor(Date.now() / 1000), type: 'payment_intent.succeeded', data: { object: { id: 'pi_x', object: 'payment_intent' } } });
    const post = (path: string, payload: string, signature?: string) =>
      fetch(`${world.api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, body: payload });

    expect((await post('/webhooks/stripe', body)).status).toBe(400);
    expect((await post('/webhooks/stripe', body, 't=1,v1=deadbeef')).status).toBe(400);
    const signed = world.emulator.generateTestHeader(body, world.webhookSecret);
    expect((await post('/webhooks/stripe', body.replace('pi_x', 'pi_y'), signed)).status).toBe(400); // one changed byte
    expect((await post('/webhooks/stripe-connect', body, signed)).status).toBe(400); // the Connect endpoint has its own secret
    const reformatted = JSON.stringify(JSON.parse(body), null, 2); // same JSON, other bytes
    expect((await post('/webhooks/stripe', reformatted, signed)).status).toBe(400);
    expect(await world.env.db.query(`SELECT id FROM stripe_webhook_events WHERE id = 'evt_forged'`)).toEqual([]);

    const accepted = await post('/webhooks/stripe', body, signed);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ received: true, duplicate: false });
    expect(await (await post('/webhooks/stripe', body, signed)).json()).toEqual({ received: true, duplicate: true });
  });

  it('duplicated and shuffled deliveries give the same ledger as orderly ones', async () => {
    const designer = await world.designer();
    // The same history twice: paid, refunded in the Stripe dashboard, then charged back and lost.
    const history = async (disorder: boolean) => {
      if (disorder) {
        world.emulator.webhooks.hold();
        world.emulator.webhooks.duplicateDeliveries(true);
      }
      const { orderId, started } = await (async () => {
        const { randomUUID } = await import('node:crypto');
        const id = randomUUID();
        const s = await world.facade.startOrderPayment(world.ctx(), { orderId: id, designerOrganizationId: designer.organizationId, amountMinor: 10_000, currency: 'EUR' });
        if (!('paymentIntentId' in s)) throw new Error(s.message);
        return { orderId: id, started: s };
      })();
      const intent = await world.stripe.paymentIntents.confirm(started.paymentIntentId, { payment_method: 'pm_card_visa' });
      if (!disorder) await world.settle();
      await world.stripe.refunds.create({ payment_intent: intent.id, amount: 2_000 });
      if (!disorder) await world.settle();
      const dispute = world.emulator.openDispute(intent.latest_charge as string, { reason: 'fraudulent' });
      if (!disorder) await world.settle();
      world.emulator.resolveDispute(dispute.id, 'lost');
      if (disorder) {
        expect(world.emulator.webhooks.heldCount()).toBeGreaterThan(8);
        world.emulator.webhooks.duplicateDeliveries(false);
        world.emulator.webhooks.release('shuffle');
      }
      await world.settle();
      return orderId;
    };
    const orderly = await history(false);
    const disorderly = await history(true);

    expect(await normalisedLedger(world, disorderly)).toEqual(await normalisedLedger(world, orderly));
    const view = (await world.api.graphql.data(STATUS, { orderId: disorderly }, designer.accessToken)).orderPayment;
    expect(view).toEqual({ status: 'succeeded', escrow: { capturedMinor: 10_000, refundedMinor: 10_000, heldMinor: 0 }, chargebacks: [{ status: 'lost' }] });
    expect(await world.reconcile()).toEqual([]);
  });

  it('a late payment_failed after success changes nothing', async () => {
    const designer = await world.designer();
    const { randomUUID } = await import('node:crypto');
    const orderId = randomUUID();
    const started = await world.facade.startOrderPayment(world.ctx(), { orderId, designerOrganizationId: designer.organizationId, amountMinor: 2_500, currency: 'EUR' });
    if (!('paymentIntentId' in started)) throw new Error(started.message);
    world.emulator.webhooks.hold();
    await expect(world.stripe.paymentIntents.confirm(started.paymentIntentId, { payment_method: 'pm_card_chargeDeclined' })).rejects.toThrow(/declined/);
    await world.stripe.paymentIntents.confirm(started.paymentIntentId, { payment_method: 'pm_card_visa' });
    world.emulator.webhooks.release('reverse'); // success first, the old failure last
    await world.settle();
    const view = (await world.api.graphql.data(STATUS, { orderId }, designer.accessToken)).orderPayment;
    expect(view).toMatchObject({ status: 'succeeded', escrow: { capturedMinor: 2_500, heldMinor: 2_500 } });
    expect(await world.reconcile()).toEqual([]);
  });

  it('replaying every event changes nothing', async () => {
    const before = await world.ledgerSnapshot();
    const [{ n: eventsBefore }] = await world.env.db.query(`SELECT count(*)::int AS n FROM stripe_webhook_events`);
    const events = world.emulator.events();
    for (const event of [...events].sort(() => Math.random() - 0.5)) world.emulator.webhooks.redeliver(event.id);
    await world.settle();
    expect(await world.ledgerSnapshot()).toEqual(before);
    const [{ n: eventsAfter }] = await world.env.db.query(`SELECT count(*)::int AS n FROM stripe_webhook_events`);
    expect(eventsAfter).toBe(eventsBefore);
    expect(await world.reconcile()).toEqual([]);
  });

  it('reconciliation reports money that moved at Stripe without us', async () => {
    const factory = await world.onboardedFactory();
    const designer = await world.designer();
    const { chargeId } = await world.paidOrder(designer, 5_000);
    const stray = await world.emulator.client().transfers.create({ amount: 700, currency: 'eur', destination: factory.stripeAccountId, source_transaction: chargeId });
    const differences = await world.reconcile();
    expect(differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'TRANSFER_UNKNOWN', subject: stray.id, processor: '700' }),
        expect.objectContaining({ kind: 'BALANCE', subject: 'EUR' }),
      ]),
    );
    expect(differences).toHaveLength(2);
  });
});

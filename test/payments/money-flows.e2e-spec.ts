import { randomUUID } from 'node:crypto';
import { DisputeAlreadyResolvedError, DisputeResolutionEnum, InvalidSplitError, ReleaseRefusedError } from '@partsmith/payments';
import { PaymentsWorld } from './payments-world';

const PAYMENT = `query P($orderId: ID!) { orderPayment(orderId: $orderId) { orderId status amountMinor currency clientSecret
  escrow { capturedMinor releasedMinor refundedMinor heldMinor }
  allocations { allocationKey status grossMinor payoutMinor releasedPayoutMinor }
  refunds { amountMinor status } chargebacks { status amountMinor } } }`;
const TRANSFERS = `query { factoryTransfers { orderId amountMinor currency status stripeTransferId } }`;
const LEDGER = `query L($orderId: ID) { ledgerLines(orderId: $orderId) { entryKey kind account amountMinor currency } }`;
const DISPUTES = `query { deliveryDisputes { id orderId status reason } }`;

describe('payments: money flows through escrow (facade, GraphQL, webhooks, emulator)', () => {
  const world = new PaymentsWorld();

  beforeAll(() => world.start(), 60_000);
  afterAll(() => world.stop());

  it('pay → award → accept → transfer: the factory gets its payout, the platform keeps charge − transfer', async () => {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const { orderId, chargeId } = await world.paidOrder(designer, 10_000);
    const ctx = world.ctx();

    const view = (await world.api.graphql.data(PAYMENT, { orderId }, designer.accessToken)).orderPayment;
    expect(view).toMatchObject({ status: 'succeeded', amountMinor: 10_000, currency: 'EUR', clientSecret: null, escrow: { capturedMinor: 10_000, heldMinor: 10_000 } });

    const allocation = await world.facade.registerAllocation(ctx, {
      orderId,
      allocationKey: 'award-1',
      factoryOrganizationId: factory.organizationId,
      grossMinor: 10_000,
      payoutMinor: 8_200,
      inspectionRequired: false,
    });
    expect(allocation).toMatchObject({ status: 'held' });
    await world.facade.recordDelivery(ctx, { orderId, allocationKey: 'award-1' });
    const released = await world.facade.acceptDelivery(ctx, { orderId, allocationKey: 'award-1' });
    expect(released).toMatchObject({ status: 'released', releasedPayoutMinor: 8_200 });
    await world.settle();

    const transfers = await world.stripe.transfers.list({ transfer_group: orderId });
    expect(transfers.data).toHaveLength(1);
    expect(transfers.data[0]).toMatchObject({ amount: 8_200, destination: factory.stripeAccountId, source_transaction: chargeId });
    const mine = (await world.api.graphql.data(TRANSFERS, {}, factory.accessToken)).factoryTransfers;
    expect(mine).toEqual([{ orderId, amountMinor: 8_200, currency: 'EUR', status: 'created', stripeTransferId: transfers.data[0].id }]);

    expect(await world.balance(`designer_funds_held:${orderId}`)).toBe(0);
    expect(await world.balance(`factory_payable:${factory.organizationId}`)).toBe(0);
    const after = (await world.api.graphql.data(PAYMENT, { orderId }, designer.accessToken)).orderPayment;
    expect(after.escrow).toEqual({ capturedMinor: 10_000, releasedMinor: 10_000, refundedMinor: 0, heldMinor: 0 });

    // A factory sees its own payable lines only; another factory sees none of them; the designer sees the order's escrow lines.
    const factoryLines = (await world.api.graphql.data(LEDGER, {}, factory.accessToken)).ledgerLines;
    expect(factoryLines.map((line: { account: string }) => line.account)).toEqual(
      expect.arrayContaining([`factory_payable:${factory.organizationId}`]),
    );
    expect(factoryLines.every((line: { account: string }) => line.account === `factory_payable:${factory.organizationId}`)).toBe(true);
    const stranger = await world.onboardedFactory();
    expect((await world.api.graphql.data(LEDGER, {}, stranger.accessToken)).ledgerLines).toEqual([]);
    const designerLines = (await world.api.graphql.data(LEDGER, { orderId }, designer.accessToken)).ledgerLines;
    expect(designerLines.every((line: { account: string }) => line.account === `designer_funds_held:${orderId}`)).toBe(true);
    const peek = await world.api.graphql.request(PAYMENT, { orderId }, factory.accessToken);
    expect(peek.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect(await world.reconcile()).toEqual([]);
  });

  it('cancel before award → full refund from escrow', async () => {
    const designer = await world.designer();
    const { orderId } = await world.paidOrder(designer, 5_000);
    const refund = await world.facade.refundOrder(world.ctx(), { orderId, refundKey: 'cancel', reason: 'order cancelled before award' });
    expect(refund).toMatchObject({ amountMinor: 5_000, status: 'pending' });
    await world.settle();

    const view = (await world.api.graphql.data(PAYMENT, { orderId }, designer.accessToken)).orderPayment;
    expect(view.refunds).toEqual([{ amountMinor: 5_000, status: 'succeeded' }]);
    expect(view.escrow).toEqual({ capturedMinor: 5_000, releasedMinor: 0, refundedMinor: 5_000, heldMinor: 0 });
    const charge = await world.stripe.charges.list({ transfer_group: orderId });
    expect(charge.data[0]).toMatchObject({ amount_refunded: 5_000, refunded: true });
    // the same refund key again is the same refund
    const again = await world.facade.refundOrder(world.ctx(), { orderId, refundKey: 'cancel', reason: 'again' });
    expect(again).toMatchObject({ amountMinor: 5_000 });
    expect(await world.reconcile()).toEqual([]);
  });

  it('delivery dispute → operator splits 60/40: part transferred, the rest refunded', async () => {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const { orderId } = await world.paidOrder(designer, 20_000);
    const ctx = world.ctx();
    await world.facade.registerAllocation(ctx, { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 20_000, payoutMinor: 16_000, inspectionRequired: false });
    await world.facade.recordDelivery(ctx, { orderId, allocationKey: 'a' });
    await world.facade.openDeliveryDispute(ctx, { orderId, allocationKey: 'a', reason: 'holes are 0.3 mm off', openedByOrganizationId: designer.organizationId });

    const refused = await world.facade.acceptDelivery(ctx, { orderId, allocationKey: 'a' });
    expect(refused).toBeInstanceOf(ReleaseRefusedError);

    const dispute = (await world.api.graphql.data(DISPUTES, {}, world.operator.accessToken)).deliveryDisputes.find((d: { orderId: string }) => d.orderId === orderId);
    // Operators decide through production's resolveJobLineDispute (it records the decision and moves the job line);
    // the escrow side, exercised here, is the facade that mutation calls.
    const operatorId = world.operator.userId;
    const badSplit = await world.facade.resolveDeliveryDispute(ctx, { disputeId: dispute.id, resolution: DisputeResolutionEnum.split, factoryPercent: 100, resolvedBy: operatorId });
    expect(badSplit).toBeInstanceOf(InvalidSplitError);

    const resolved = await world.facade.resolveDeliveryDispute(ctx, { disputeId: dispute.id, resolution: DisputeResolutionEnum.split, factoryPercent: 60, resolvedBy: operatorId });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'split', factoryPercent: 60 });
    await world.settle();

    const transfers = await world.stripe.transfers.list({ transfer_group: orderId });
    expect(transfers.data.map((t) => t.amount)).toEqual([9_600]);
    const view = (await world.api.graphql.data(PAYMENT, { orderId }, designer.accessToken)).orderPayment;
    expect(view.refunds).toEqual([{ amountMinor: 8_000, status: 'succeeded' }]);
    expect(view.escrow).toEqual({ capturedMinor: 20_000, releasedMinor: 12_000, refundedMinor: 8_000, heldMinor: 0 });
    const again = await world.facade.resolveDeliveryDispute(ctx, { disputeId: dispute.id, resolution: DisputeResolutionEnum.refund, resolvedBy: operatorId });
    expect(again).toBeInstanceOf(DisputeAlreadyResolvedError);
    expect((await world.api.graphql.request(`mutation { resolveDeliveryDispute(input: { disputeId: "${dispute.id}", resolution: refund }) { __typename } }`, {}, world.operator.accessToken)).errors?.[0].message).toMatch(
      /Cannot query field "resolveDeliveryDispute"/,
    );
    expect(await world.reconcile()).toEqual([]);
  });

  it('refund after transfer: the transfer is reversed first, then the designer is refunded', async () => {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const { orderId } = await world.paidOrder(designer, 10_000);
    const ctx = world.ctx();
    await world.facade.registerAllocation(ctx, { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 10_000, payoutMinor: 8_000, inspectionRequired: false });
    await world.facade.acceptDelivery(ctx, { orderId, allocationKey: 'a' });
    await world.settle();

    const refund = await world.facade.refundOrder(ctx, { orderId, refundKey: 'goodwill', reason: 'part arrived broken', amountMinor: 9_000 });
    expect(refund).toMatchObject({ amountMinor: 9_000 });
    await world.settle();
    const [transfer] = (await world.stripe.transfers.list({ transfer_group: orderId })).data;
    expect(transfer).toMatchObject({ amount: 8_000, amount_reversed: 8_000 });
    const view = (await world.api.graphql.data(PAYMENT, { orderId }, designer.accessToken)).orderPayment;
    expect(view.refunds).toEqual([{ amountMinor: 9_000, status: 'succeeded' }]);
    expect(view.escrow).toMatchObject({ capturedMinor: 10_000, refundedMinor: 9_000, releasedMinor: 1_000, heldMinor: 0 });
    expect(await world.reconcile()).toEqual([]);
  });

  it('chargeback: freezes the release while open; lost after transfer it is the platform’s loss', async () => {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const ctx = world.ctx();

    // Frozen: a chargeback on an order still in escrow.
    const frozen = await world.paidOrder(designer, 4_000);
    await world.facade.registerAllocation(ctx, { orderId: frozen.orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 4_000, payoutMinor: 3_000, inspectionRequired: false });
    world.emulator.openDispute(frozen.chargeId, { reason: 'product_not_received' });
    await world.settle();
    const refused = await world.facade.acceptDelivery(ctx, { orderId: frozen.orderId, allocationKey: 'a' });
    expect(refused).toBeInstanceOf(ReleaseRefusedError);
    expect((refused as ReleaseRefusedError).message).toMatch(/chargeback/);
    const [disputeOne] = (await world.stripe.disputes.list({ charge: frozen.chargeId })).data;
    world.emulator.resolveDispute(disputeOne.id, 'won');
    await world.settle();
    expect(await world.facade.acceptDelivery(ctx, { orderId: frozen.orderId, allocationKey: 'a' })).toMatchObject({ status: 'released' });

    // Lost after transfer.
    const { orderId, chargeId } = await world.paidOrder(designer, 6_000);
    await world.facade.registerAllocation(ctx, { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 6_000, payoutMinor: 5_000, inspectionRequired: false });
    await world.facade.acceptDelivery(ctx, { orderId, allocationKey: 'a' });
    await world.settle();
    world.emulator.openDispute(chargeId, { reason: 'fraudulent' });
    await world.settle();
    const [dispute] = (await world.stripe.disputes.list({ charge: chargeId })).data;
    world.emulator.resolveDispute(dispute.id, 'lost');
    await world.settle();

    const view = (await world.api.graphql.data(PAYMENT, { orderId }, designer.accessToken)).orderPayment;
    expect(view.chargebacks).toEqual([{ status: 'lost', amountMinor: 6_000 }]);
    expect(view.escrow.heldMinor).toBe(0);
    expect(await world.balance(`disputed_funds:${orderId}`)).toBe(0);
    expect(await world.balance('platform_losses')).toBeGreaterThanOrEqual(6_000);
    expect(await world.reconcile()).toEqual([]);
  });

  it('automatic release N days after delivery, and only with inspection evidence where required', async () => {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const { orderId } = await world.paidOrder(designer, 3_000);
    const ctx = world.ctx();
    await world.facade.registerAllocation(ctx, { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 3_000, payoutMinor: 2_500, inspectionRequired: true });
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const delivered = await world.facade.recordDelivery(ctx, { orderId, allocationKey: 'a', deliveredAt: eightDaysAgo });
    expect(delivered).toMatchObject({ status: 'delivered', autoReleaseAt: new Date(eightDaysAgo.getTime() + 7 * 86_400_000) });
    await world.settle();
    expect((await world.stripe.transfers.list({ transfer_group: orderId })).data).toHaveLength(0); // waiting for evidence

    await world.facade.recordInspectionEvidence(ctx, { orderId, allocationKey: 'a' });
    await world.settle();
    expect((await world.stripe.transfers.list({ transfer_group: orderId })).data.map((t) => t.amount)).toEqual([2_500]);

    // Delivered just now: not due for seven days.
    const later = await world.paidOrder(designer, 3_000);
    await world.facade.registerAllocation(ctx, { orderId: later.orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 3_000, payoutMinor: 2_500, inspectionRequired: false });
    await world.facade.recordDelivery(ctx, { orderId: later.orderId, allocationKey: 'a' });
    await world.settle();
    expect((await world.stripe.transfers.list({ transfer_group: later.orderId })).data).toHaveLength(0);
    expect(await world.reconcile()).toEqual([]);
  });

  it('refuses a second payment for an order with other terms, and a release before payment', async () => {
    const designer = await world.designer();
    const orderId = randomUUID();
    const ctx = world.ctx();
    const first = await world.facade.startOrderPayment(ctx, { orderId, designerOrganizationId: designer.organizationId, amountMinor: 1_000, currency: 'EUR' });
    const same = await world.facade.startOrderPayment(ctx, { orderId, designerOrganizationId: designer.organizationId, amountMinor: 1_000, currency: 'EUR' });
    expect(same).toEqual(first);
    const other = await world.facade.startOrderPayment(ctx, { orderId, designerOrganizationId: designer.organizationId, amountMinor: 2_000, currency: 'EUR' });
    expect(other).toMatchObject({ errorCode: 'PAYMENT_MISMATCH' });
    const view = (await world.api.graphql.data(PAYMENT, { orderId }, designer.accessToken)).orderPayment;
    expect(view).toMatchObject({ status: 'requires_payment', clientSecret: expect.stringMatching(/^pi_.*_secret_/) });
    const factory = await world.onboardedFactory();
    await world.facade.registerAllocation(ctx, { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 1_000, payoutMinor: 800, inspectionRequired: false });
    expect(await world.facade.acceptDelivery(ctx, { orderId, allocationKey: 'a' })).toMatchObject({ errorCode: 'RELEASE_REFUSED' });
    expect(await world.facade.cancelOrderPayment(ctx, orderId)).toMatchObject({ status: 'canceled' });
    expect(await world.reconcile()).toEqual([]);
  });
});

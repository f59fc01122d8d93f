import { QueueRegistry } from '@partsmith/platform';
import { FactoryCannotReceiveTransfersError, PaymentJobsHandler } from '@partsmith/payments';
import { given } from '../support/given';
import { eventually } from '../support/harness';
import { ONBOARD, PaymentsWorld } from './payments-world';

const ACCOUNT = `query { factoryPaymentAccount { stripeAccountId transfersCapability detailsSubmitted payoutsEnabled } }`;
const BANK_PAYOUTS = `query { factoryBankPayouts { stripePayoutId amountMinor currency status } }`;

describe('payments: factories as Stripe connected accounts', () => {
  const world = new PaymentsWorld();

  beforeAll(() => world.start(), 60_000);
  afterAll(() => world.stop());

  it('onboards through single-use links minted per visit; transfers become active through the Connect webhook', async () => {
    const designer = await world.designer();
    const refused = await world.api.graphql.request(ONBOARD, {}, designer.accessToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const factory = await given.factory(world.api.graphql);
    expect((await world.api.graphql.data(ACCOUNT, {}, factory.accessToken)).factoryPaymentAccount).toBeNull();
    const first = (await world.api.graphql.data(ONBOARD, {}, factory.accessToken)).startFactoryOnboarding;
    const second = (await world.api.graphql.data(ONBOARD, {}, factory.accessToken)).startFactoryOnboarding;
    expect(second.stripeAccountId).toBe(first.stripeAccountId); // one account, whatever the number of visits
    expect(second.url).not.toBe(first.url);
    const account = await world.stripe.accounts.retrieve(first.stripeAccountId);
    expect(account.controller).toMatchObject({ fees: { payer: 'application' }, losses: { payments: 'application' }, stripe_dashboard: { type: 'express' } });
    expect(account.settings?.payouts?.schedule).toMatchObject({ interval: 'weekly', delay_days: 14 });
    expect((await world.api.graphql.data(ACCOUNT, {}, factory.accessToken)).factoryPaymentAccount).toMatchObject({ transfersCapability: 'inactive' });
    expect(await world.facade.canReceiveTransfers(world.ctx(), factory.organizationId)).toBe(false);

    const done = await fetch(second.url, { redirect: 'manual' });
    expect(done.headers.get('location')).toMatch(/onboarding\?done=1$/);
    const reused = await fetch(second.url, { redirect: 'manual' });
    expect(reused.headers.get('location')).toMatch(/onboarding\?expired=1$/); // single use
    await world.settle();
    expect((await world.api.graphql.data(ACCOUNT, {}, factory.accessToken)).factoryPaymentAccount).toEqual({
      stripeAccountId: first.stripeAccountId,
      transfersCapability: 'active',
      detailsSubmitted: true,
      payoutsEnabled: true,
    });
    expect(await world.facade.canReceiveTransfers(world.ctx(), factory.organizationId)).toBe(true);
  });

  it('a revoked transfers capability keeps the money in escrow', async () => {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const { orderId } = await world.paidOrder(designer, 2_000);
    await world.facade.registerAllocation(world.ctx(), { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 2_000, payoutMinor: 1_500, inspectionRequired: false });
    world.emulator.setCapability(factory.stripeAccountId, 'transfers', 'inactive');
    await world.settle();
    expect(await world.facade.canReceiveTransfers(world.ctx(), factory.organizationId)).toBe(false);
    expect(await world.facade.acceptDelivery(world.ctx(), { orderId, allocationKey: 'a' })).toBeInstanceOf(FactoryCannotReceiveTransfersError);
    expect(await world.balance(`designer_funds_held:${orderId}`)).toBe(-2_000);
    expect(await world.reconcile()).toEqual([]);
  });

  it('shows the factory its payouts to the bank (Connect payout events)', async () => {
    const designer = await world.designer();
    const factory = await world.onboardedFactory();
    const { orderId } = await world.paidOrder(designer, 10_000);
    await world.facade.registerAllocation(world.ctx(), { orderId, allocationKey: 'a', factoryOrganizationId: factory.organizationId, grossMinor: 10_000, payoutMinor: 9_000, inspectionRequired: false });
    await world.facade.acceptDelivery(world.ctx(), { orderId, allocationKey: 'a' });
    await world.settle();
    // The weekly automatic payout (set at onboarding) sends the available balance to the bank.
    world.emulator.advanceTime({ days: 8 });
    await world.settle();
    world.emulator.advanceTime({ days: 3 });
    await world.settle();
    const payouts = await eventually(async () => {
      const list = (await world.api.graphql.data(BANK_PAYOUTS, {}, factory.accessToken)).factoryBankPayouts;
      return list[0]?.status === 'paid' ? list : undefined;
    });
    expect(payouts).toEqual([{ stripePayoutId: expect.stringMatching(/^po_/), amountMinor: 9_000, currency: 'EUR', status: 'paid' }]);
    expect(await world.reconcile()).toEqual([]);
  });

  it('reconciles every night without anyone asking: the schedule is registered and a run finds nothing', async () => {
    const schedulers = await world.worker.get(QueueRegistry).queue('payments').getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key)).toContain('payments.reconcile.nightly');
    const before = Number((await world.env.db.query(`SELECT count(*) AS n FROM reconciliation_reports`))[0].n);
    await world.worker.get(PaymentJobsHandler).nightlyReconciliation({ trigger: 'test' }, { jobId: 'test', attempt: 1, ctx: world.ctx() });
    const report = await eventually(async () => {
      const rows = await world.env.db.query(`SELECT status, differences FROM reconciliation_reports ORDER BY created_at DESC LIMIT 1`);
      return Number((await world.env.db.query(`SELECT count(*) AS n FROM reconciliation_reports`))[0].n) > before && rows[0]?.status === 'finished' ? rows[0] : undefined;
    }, 20_000, 'the nightly reconciliation report');
    expect(report.differences).toEqual([]);
  });
});


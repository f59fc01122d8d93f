import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';

const FEE = (amount: number) => Math.round(amount * 0.029) + 30;

describe('Stripe emulator: Connect onboarding, transfers, reversals, refunds and payouts', () => {
  const emulator = new StripeEmulator();
  let stripe: Stripe;

  beforeAll(async () => {
    await emulator.start();
  });
  beforeEach(() => {
    emulator.reset();
    stripe = emulator.client();
  });
  afterAll(() => emulator.stop());

  async function factoryAccount(): Promise<Stripe.Account> {
    return stripe.accounts.create({
      controller: {
        fees: { payer: 'application' },
        losses: { payments: 'application' },
        stripe_dashboard: { type: 'express' },
        requirement_collection: 'stripe',
      },
      capabilities: { transfers: { requested: true } },
      metadata: { factory_id: 'f_1' },
    });
  }

  async function onboarded(): Promise<Stripe.Account> {
    const account = await factoryAccount();
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://partsmith.test/onboarding/refresh',
      return_url: 'https://partsmith.test/onboarding/done',
      type: 'account_onboarding',
    });
    const visit = await fetch(link.url, { redirect: 'manual' });
    expect(visit.status).toBe(303);
    expect(visit.headers.get('location')).toBe('https://partsmith.test/onboarding/done');
    return stripe.accounts.retrieve(account.id);
  }

  async function paidOrder(amount: number, group: string): Promise<Stripe.Charge> {
    const intent = await stripe.paymentIntents.create({
      amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, transfer_group: group, expand: ['latest_charge'],
    });
    return intent.latest_charge as Stripe.Charge;
  }

  it('creates factory accounts with transfers inactive until onboarding through a single-use account link', async () => {
    const account = await factoryAccount();
    expect(account).toMatchObject({
      object: 'account', type: 'express', charges_enabled: false, payouts_enabled: false, details_submitted: false,
      capabilities: { transfers: 'inactive' },
    });
    expect(account.id).toMatch(/^acct_/);

    const link = await stripe.accountLinks.create({
      account: account.id, refresh_url: 'https://partsmith.test/r', return_url: 'https://partsmith.test/d', type: 'account_onboarding',
    });
    expect(link).toMatchObject({ object: 'account_link' });
    expect(link.url.startsWith(emulator.url)).toBe(true);
    expect(link.expires_at - link.created).toBe(300);

    expect(emulator.visitAccountLink(link.url)).toEqual({ location: 'https://partsmith.test/d', accepted: true });
    expect(emulator.visitAccountLink(link.url)).toEqual({ location: 'https://partsmith.test/r', accepted: false });

    const after = await stripe.accounts.retrieve(account.id);
    expect(after).toMatchObject({ capabilities: { transfers: 'active' }, details_submitted: true, payouts_enabled: true });
    const updated = emulator.events({ type: 'account.updated' });
    expect(updated).toHaveLength(1);
    expect(updated[0].account).toBe(account.id);
  });

  it('refuses expired account links', async () => {
    const account = await factoryAccount();
    const link = await stripe.accountLinks.create({
      account: account.id, refresh_url: 'https://partsmith.test/r', return_url: 'https://partsmith.test/d', type: 'account_onboarding',
    });
    emulator.advanceTime({ seconds: 301 });
    const visit = await fetch(link.url, { redirect: 'manual' });
    expect(visit.headers.get('location')).toBe('https://partsmith.test/r');
    expect((await stripe.accounts.retrieve(account.id)).capabilities?.transfers).toBe('inactive');
  });

  it('refuses to transfer to a factory whose transfers capability is not active', async () => {
    const account = await factoryAccount();
    const charge = await paidOrder(10_000, 'order_1');
    await expect(
      stripe.transfers.create({ amount: 8_000, currency: 'usd', destination: account.id, source_transaction: charge.id }),
    ).rejects.toMatchObject({ code: 'insufficient_capabilities_for_transfer', param: 'destination' });
  });

  it('releases funds with source_transaction, and never more than is left of the charge', async () => {
    const factory = await onboarded();
    const charge = await paidOrder(10_000, 'order_1');

    const transfer = await stripe.transfers.create({
      amount: 8_000, currency: 'usd', destination: factory.id, source_transaction: charge.id, transfer_group: 'order_1',
    });
    expect(transfer).toMatchObject({ object: 'transfer', amount: 8_000, destination: factory.id, source_transaction: charge.id, reversed: false });
    expect(transfer.id).toMatch(/^tr_/);

    await expect(
      stripe.transfers.create({ amount: 2_001, currency: 'usd', destination: factory.id, source_transaction: charge.id }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'amount' });
    await stripe.transfers.create({ amount: 2_000, currency: 'usd', destination: factory.id, source_transaction: charge.id });

    const listed = await stripe.transfers.list({ transfer_group: 'order_1' });
    expect(listed.data.map((t) => t.id)).toEqual([transfer.id]);
    expect((await stripe.transfers.list({ destination: factory.id })).data).toHaveLength(2);

    const factoryBalance = await stripe.balance.retrieve({}, { stripeAccount: factory.id });
    expect(factoryBalance.pending.find((b) => b.currency === 'usd')?.amount).toBe(10_000);
    expect(factoryBalance.available.find((b) => b.currency === 'usd')?.amount).toBe(0);
  });

  it('without source_transaction a transfer needs available platform funds', async () => {
    const factory = await onboarded();
    await paidOrder(10_000, 'order_1');
    await expect(stripe.transfers.create({ amount: 5_000, currency: 'usd', destination: factory.id })).rejects.toMatchObject({
      code: 'balance_insufficient',
    });
    emulator.advanceTime({ days: 2 });
    await expect(stripe.transfers.create({ amount: 5_000, currency: 'usd', destination: factory.id })).resolves.toMatchObject({ amount: 5_000 });
  });

  it('refunds after a transfer only once the transfer is reversed, keeping the platform balance whole', async () => {
    const factory = await onboarded();
    const charge = await paidOrder(10_000, 'order_1');
    const transfer = await stripe.transfers.create({ amount: 8_000, currency: 'usd', destination: factory.id, source_transaction: charge.id });

    await expect(stripe.refunds.create({ payment_intent: charge.payment_intent as string, amount: 3_000 })).rejects.toMatchObject({
      code: 'emulator_refund_exceeds_untransferred_amount',
    });
    const partial = await stripe.refunds.create({ payment_intent: charge.payment_intent as string, amount: 2_000 });
    expect(partial).toMatchObject({ object: 'refund', amount: 2_000, status: 'succeeded', charge: charge.id });

    const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 5_000 });
    expect(reversal).toMatchObject({ object: 'transfer_reversal', amount: 5_000, transfer: transfer.id });
    expect(reversal.id).toMatch(/^trr_/);
    await expect(stripe.transfers.createReversal(transfer.id, { amount: 3_001 })).rejects.toMatchObject({ param: 'amount' });
    await stripe.transfers.createReversal(transfer.id);
    const reversed = await stripe.transfers.retrieve(transfer.id);
    expect(reversed).toMatchObject({ amount_reversed: 8_000, reversed: true });
    expect((await stripe.transfers.listReversals(transfer.id)).data).toHaveLength(2);
    await expect(stripe.transfers.createReversal(transfer.id)).rejects.toMatchObject({ code: 'transfer_already_reversed' });

    await stripe.refunds.create({ charge: charge.id });
    await expect(stripe.refunds.create({ charge: charge.id, amount: 1 })).rejects.toMatchObject({ code: 'charge_already_refunded' });
    const refundedCharge = await stripe.charges.retrieve(charge.id);
    expect(refundedCharge).toMatchObject({ amount_refunded: 10_000, refunded: true });

    emulator.advanceTime({ days: 2 });
    const platform = await stripe.balance.retrieve();
    // The customer got everything back, the factory returned everything, the platform lost only Stripe's fee.
    expect(platform.available.find((b) => b.currency === 'usd')?.amount).toBe(-FEE(10_000));
    const factoryBalance = await stripe.balance.retrieve({}, { stripeAccount: factory.id });
    expect(factoryBalance.available.find((b) => b.currency === 'usd')?.amount).toBe(0);
  });

  it('refuses a refund above what is left on the charge, whatever the transfers', async () => {
    const charge = await paidOrder(10_000, 'order_1');
    await stripe.refunds.create({ charge: charge.id, amount: 6_000 });
    await expect(stripe.refunds.create({ charge: charge.id, amount: 4_001 })).rejects.toMatchObject({ code: 'amount_too_large', param: 'amount' });
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(1);
  });

  it('pays out a connected account on its schedule and refuses payouts beyond its available balance', async () => {
    const factory = await onboarded();
    await stripe.accounts.update(factory.id, { settings: { payouts: { schedule: { interval: 'manual', delay_days: 7 } } } });
    const charge = await paidOrder(10_000, 'order_1');
    await stripe.transfers.create({ amount: 8_000, currency: 'usd', destination: factory.id, source_transaction: charge.id });

    await expect(stripe.payouts.create({ amount: 1_000, currency: 'usd' }, { stripeAccount: factory.id })).rejects.toMatchObject({
      code: 'balance_insufficient',
    });
    emulator.advanceTime({ days: 2 });
    const payout = await stripe.payouts.create({ amount: 8_000, currency: 'usd' }, { stripeAccount: factory.id });
    expect(payout).toMatchObject({ object: 'payout', status: 'pending', amount: 8_000 });
    expect(payout.id).toMatch(/^po_/);
    await expect(stripe.payouts.retrieve(payout.id)).rejects.toMatchObject({ statusCode: 404 });

    emulator.advanceTime({ days: 1 });
    expect((await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: factory.id })).status).toBe('paid');
    expect(emulator.events({ type: 'payout.paid', account: factory.id })).toHaveLength(1);

    const automatic = await onboarded();
    expect(automatic.settings?.payouts?.schedule).toMatchObject({ interval: 'daily', delay_days: 2 });
    const second = await paidOrder(5_000, 'order_2');
    await stripe.transfers.create({ amount: 4_000, currency: 'usd', destination: automatic.id, source_transaction: second.id });
    emulator.advanceTime({ days: 2 });
    const payouts = await stripe.payouts.list({}, { stripeAccount: automatic.id });
    expect(payouts.data).toEqual([expect.objectContaining({ amount: 4_000, automatic: true })]);
  });

  it('runs weekly payout schedules only at the anchor weekday', async () => {
    const factory = await onboarded();
    const anchorDay = new Date((emulator.now() + 3 * 86_400) * 1000).getUTCDay();
    const weekly_anchor = (['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const)[anchorDay];
    await stripe.accounts.update(factory.id, { settings: { payouts: { schedule: { interval: 'weekly', weekly_anchor } } } });
    const intent = await stripe.paymentIntents.create({ amount: 5_000, currency: 'usd', payment_method: 'pm_card_bypassPending', confirm: true });
    await stripe.transfers.create({ amount: 4_000, currency: 'usd', destination: factory.id, source_transaction: intent.latest_charge as string });

    emulator.advanceTime({ days: 1 });
    expect((await stripe.payouts.list({}, { stripeAccount: factory.id })).data).toHaveLength(0);
    emulator.advanceTime({ days: 3 });
    expect((await stripe.payouts.list({}, { stripeAccount: factory.id })).data).toEqual([expect.objectContaining({ amount: 4_000, automatic: true })]);
  });

  it('validates account creation like Stripe', async () => {
    await expect(
      stripe.accounts.create({ controller: { losses: { payments: 'application' }, fees: { payer: 'account' } }, capabilities: { transfers: { requested: true } } }),
    ).rejects.toMatchObject({ param: 'controller[fees][payer]' });
    await expect(stripe.accounts.create({ type: 'express' })).rejects.toMatchObject({ param: 'capabilities' });
    const account = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    await expect(stripe.accounts.del(account.id)).resolves.toMatchObject({ deleted: true });
    await expect(stripe.accounts.retrieve(account.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';

const DISPUTE_FEE = 1_500;

describe('Stripe emulator: dispute lifecycle', () => {
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

  async function paid(paymentMethod = 'pm_card_bypassPending'): Promise<Stripe.PaymentIntent> {
    return stripe.paymentIntents.create({ amount: 10_000, currency: 'usd', payment_method: paymentMethod, confirm: true });
  }

  async function available(): Promise<number> {
    return (await stripe.balance.retrieve()).available.find((b) => b.currency === 'usd')?.amount ?? 0;
  }

  it('pm_card_createDispute opens a chargeback that withdraws the amount and the fee', async () => {
    const intent = await paid('pm_card_createDispute');
    const disputes = await stripe.disputes.list({ payment_intent: intent.id });
    expect(disputes.data).toHaveLength(1);
    const dispute = disputes.data[0];
    expect(dispute).toMatchObject({ object: 'dispute', status: 'needs_response', amount: 10_000, charge: intent.latest_charge, reason: 'fraudulent' });
    expect(dispute.id).toMatch(/^du_/);
    expect(dispute.balance_transactions).toEqual([expect.objectContaining({ amount: -10_000, fee: DISPUTE_FEE })]);
    expect((await stripe.charges.retrieve(intent.latest_charge as string)).disputed).toBe(true);
    expect(emulator.events().map((e) => e.type)).toEqual(
      expect.arrayContaining(['charge.dispute.created', 'charge.dispute.funds_withdrawn']),
    );
  });

  it('takes evidence, goes under review on submit, and reinstates funds when won', async () => {
    const intent = await paid();
    const before = await available();
    const opened = emulator.openDispute(intent.latest_charge as string, { reason: 'product_not_received' });
    expect(await available()).toBe(before - 10_000 - DISPUTE_FEE);

    const drafted = await stripe.disputes.update(opened.id, { evidence: { shipping_tracking_number: '1Z999', product_description: 'Bracket, 6061-T6' } });
    expect(drafted.status).toBe('needs_response');
    expect(drafted.evidence.shipping_tracking_number).toBe('1Z999');
    expect(drafted.evidence_details.has_evidence).toBe(true);

    const submitted = await stripe.disputes.update(opened.id, { evidence: { uncategorized_text: 'Delivered, signed.' }, submit: true });
    expect(submitted).toMatchObject({ status: 'under_review', evidence_details: { submission_count: 1 } });
    await expect(stripe.disputes.update(opened.id, { evidence: { uncategorized_text: 'more' } })).rejects.toMatchObject({ param: 'evidence' });
    await expect(stripe.disputes.close(opened.id)).rejects.toMatchObject({ code: 'dispute_unexpected_state' });

    emulator.resolveDispute(opened.id, 'won');
    expect((await stripe.disputes.retrieve(opened.id)).status).toBe('won');
    expect(await available()).toBe(before);
    const closed = emulator.events({ type: 'charge.dispute.closed' });
    expect(closed).toHaveLength(1);
    expect((closed[0].data.object as Stripe.Dispute).status).toBe('won');
    expect(emulator.events({ type: 'charge.dispute.funds_reinstated' })).toHaveLength(1);
  });

  it('accepting a dispute with close() loses it and keeps the funds withdrawn', async () => {
    const intent = await paid();
    const before = await available();
    const opened = emulator.openDispute(intent.latest_charge as string);
    const closed = await stripe.disputes.close(opened.id);
    expect(closed.status).toBe('lost');
    expect(await available()).toBe(before - 10_000 - DISPUTE_FEE);
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: 'charge_disputed' });
  });

  it('a lost review keeps the funds withdrawn', async () => {
    const intent = await paid();
    const opened = emulator.openDispute(intent.latest_charge as string);
    await stripe.disputes.update(opened.id, { submit: true });
    emulator.resolveDispute(opened.id, 'lost');
    expect((await stripe.disputes.retrieve(opened.id)).status).toBe('lost');
    expect(() => emulator.resolveDispute(opened.id, 'won')).toThrow(/cannot become won/);
  });

  it('an inquiry withdraws nothing until it escalates to a chargeback', async () => {
    const intent = await paid();
    const before = await available();
    const inquiry = emulator.openDispute(intent.latest_charge as string, { inquiry: true });
    expect(inquiry.status).toBe('warning_needs_response');
    expect(await available()).toBe(before);

    emulator.resolveDispute(inquiry.id, 'lost');
    expect((await stripe.disputes.retrieve(inquiry.id)).status).toBe('needs_response');
    expect(await available()).toBe(before - 10_000 - DISPUTE_FEE);
  });

  it('an inquiry closed in the merchant’s favour ends as warning_closed', async () => {
    const intent = await paid();
    const inquiry = emulator.openDispute(intent.latest_charge as string, { inquiry: true });
    await stripe.disputes.update(inquiry.id, { evidence: { uncategorized_text: 'Customer recognised the charge.' }, submit: true });
    expect((await stripe.disputes.retrieve(inquiry.id)).status).toBe('warning_under_review');
    emulator.resolveDispute(inquiry.id, 'won');
    expect((await stripe.disputes.retrieve(inquiry.id)).status).toBe('warning_closed');
  });
});

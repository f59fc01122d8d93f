import type { Charge, PaymentIntent } from '../model';
import type { Router } from '../router';
import type { EmulatorState } from '../state';
import { DAY, newId, Owner } from '../store';
import { invalidRequest } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata } from '../wire/params';
import type { TestCard } from './test-cards';

/**
 * The Charge a PaymentIntent attempt creates. A successful one posts the gross amount and Stripe's fee
 * to the owner's balance, pending for the settlement delay unless the card bypasses pending.
 */
export function createCharge(
  state: EmulatorState,
  owner: Owner,
  paymentIntent: PaymentIntent,
  testCard: TestCard,
  result: { status: 'succeeded' } | { status: 'failed'; code: string; declineCode: string; message: string },
): Charge {
  const now = state.now();
  const id = newId('ch');
  const succeeded = result.status === 'succeeded';
  const charge: Charge = {
    id,
    object: 'charge',
    amount: paymentIntent.amount,
    amount_captured: succeeded ? paymentIntent.amount : 0,
    amount_refunded: 0,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null },
    captured: succeeded,
    created: now,
    currency: paymentIntent.currency,
    customer: paymentIntent.customer,
    description: paymentIntent.description,
    disputed: false,
    failure_code: succeeded ? null : result.code,
    failure_message: succeeded ? null : result.message,
    livemode: false,
    metadata: { ...paymentIntent.metadata },
    outcome: succeeded
      ? { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' }
      : {
          network_status: 'declined_by_network',
          reason: result.declineCode,
          risk_level: 'normal',
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        },
    paid: succeeded,
    payment_intent: paymentIntent.id,
    payment_method: paymentIntent.payment_method ?? '',
    payment_method_details: { type: 'card', card: { ...testCard.card } },
    receipt_url: `${state.baseUrl}/receipts/${id}`,
    refunded: false,
    source_transfer: null,
    status: result.status,
    transfer_data: null,
    transfer_group: paymentIntent.transfer_group,
  };
  if (succeeded) {
    const bypassPending = testCard.outcome.kind === 'succeed' && testCard.outcome.bypassPending === true;
    const transaction = state.ledger.post({
      owner,
      type: 'charge',
      reportingCategory: 'charge',
      amount: charge.amount,
      fee: state.cardFee(charge.amount),
      currency: charge.currency,
      source: id,
      description: paymentIntent.description ?? undefined,
      availableOn: bypassPending ? now : now + state.options.settlementDelayDays * DAY,
    });
    charge.balance_transaction = transaction.id;
  }
  return state.charges.insert(owner, charge);
}

/** What the platform may still transfer out of a charge: captured minus refunded minus live transfers. */
export function transferableFromCharge(state: EmulatorState, charge: Charge): number {
  const transferred = state.transfers
    .list(null, (transfer) => transfer.source_transaction === charge.id)
    .reduce((sum, transfer) => sum + transfer.amount - transfer.amount_reversed, 0);
  return charge.amount_captured - charge.amount_refunded - transferred;
}

export function registerCharges(router: Router): void {
  router.post('/v1/charges', () => {
    throw invalidRequest(
      'The emulator creates charges only through PaymentIntents (payment_intents.create with confirm, or payment_intents.confirm).',
    );
  });

  router.get('/v1/charges', ({ state, params, account }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'payment_intent', 'transfer_group', 'customer');
    const paymentIntent = params.string('payment_intent');
    const transferGroup = params.string('transfer_group');
    const customer = params.string('customer');
    const charges = state.charges.list(
      account,
      (charge) =>
        (!paymentIntent || charge.payment_intent === paymentIntent) &&
        (!transferGroup || charge.transfer_group === transferGroup) &&
        (!customer || charge.customer === customer),
    );
    return paginate(charges, params, '/v1/charges');
  });

  router.get('/v1/charges/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    return state.charges.get(id, account, 'id');
  });

  router.post('/v1/charges/:id', ({ state, params, account }, { id }) => {
    params.allowOnly('metadata', 'description');
    const charge = state.charges.get(id, account, 'id');
    const metadata = applyMetadata(charge.metadata, params.metadataPatch());
    const description = params.has('description') ? (params.string('description') ?? null) : charge.description;
    const previous = { metadata: charge.metadata, description: charge.description };
    charge.metadata = metadata;
    charge.description = description;
    state.emit('charge.updated', charge, { account, previous });
    return charge;
  });
}

import type { Charge, Refund } from '../model';
import type { ApiRequest, Router } from '../router';
import type { EmulatorState } from '../state';
import { newId } from '../store';
import { invalidRequest } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata, formatMoney } from '../wire/params';
import { transferableFromCharge } from './charges';

function chargeToRefund(request: ApiRequest): Charge {
  const { state, params, account } = request;
  const chargeId = params.string('charge');
  const paymentIntentId = params.string('payment_intent');
  if (chargeId && paymentIntentId) {
    throw invalidRequest('You may only specify one of these parameters: charge, payment_intent.', { param: 'payment_intent' });
  }
  if (chargeId) return state.charges.get(chargeId, account, 'charge');
  if (!paymentIntentId) throw invalidRequest('One of the following params should be provided for this request: charge or payment_intent.', { code: 'parameter_missing' });
  const paymentIntent = state.paymentIntents.get(paymentIntentId, account, 'payment_intent');
  const charge = paymentIntent.latest_charge ? state.charges.find(paymentIntent.latest_charge, account) : undefined;
  if (paymentIntent.status !== 'succeeded' || !charge) {
    throw invalidRequest(`This PaymentIntent (${paymentIntent.id}) does not have a successful charge to refund.`, {
      code: 'charge_not_refundable',
      param: 'payment_intent',
    });
  }
  return charge;
}

function create(request: ApiRequest): Refund {
  const { state, params, account } = request;
  params.allowOnly('charge', 'payment_intent', 'amount', 'reason', 'metadata', 'refund_application_fee', 'reverse_transfer', 'instructions_email');
  if (params.boolean('reverse_transfer') || params.boolean('refund_application_fee')) {
    throw invalidRequest(
      'reverse_transfer and refund_application_fee only apply to destination charges; with separate charges and transfers, ' +
        'reverse the transfer with transfers.createReversal.',
      { param: params.has('reverse_transfer') ? 'reverse_transfer' : 'refund_application_fee' },
    );
  }
  const charge = chargeToRefund(request);
  const reason = params.oneOf('reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
  const metadata = applyMetadata({}, params.metadataPatch());
  const refundable = charge.amount_captured - charge.amount_refunded;
  if (charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${charge.id} did not succeed, so there is nothing to refund.`, { code: 'charge_not_refundable' });
  }
  if (refundable === 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  }
  const openDispute = state.disputes.list(account, (dispute) => dispute.charge === charge.id && !dispute.is_charge_refundable)[0];
  if (openDispute) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: 'charge_disputed' });
  }
  const amount = params.amount('amount') ?? refundable;
  if (amount > refundable) {
    throw invalidRequest(
      `Refund amount (${formatMoney(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatMoney(refundable, charge.currency)})`,
      { param: 'amount', code: 'amount_too_large' },
    );
  }
  if (state.options.refundsRequireReversal && account === null) {
    const held = transferableFromCharge(state, charge);
    if (amount > held) {
      throw invalidRequest(
        `Refund of ${formatMoney(amount, charge.currency)} exceeds the ${formatMoney(held, charge.currency)} the platform still holds from ` +
          `charge ${charge.id}; reverse its transfers first with transfers.createReversal. (Emulator rule refundsRequireReversal: ` +
          `real Stripe would accept the refund and debit the platform balance.)`,
        { param: 'amount', code: 'emulator_refund_exceeds_untransferred_amount' },
      );
    }
  }
  const refundId = newId('re');
  const transaction = state.ledger.post({
    owner: account,
    type: 'refund',
    reportingCategory: 'refund',
    amount: -amount,
    currency: charge.currency,
    source: refundId,
    description: `REFUND FOR CHARGE (${charge.id})`,
  });
  const refund: Refund = {
    id: refundId,
    object: 'refund',
    amount,
    balance_transaction: transaction.id,
    charge: charge.id,
    created: state.now(),
    currency: charge.currency,
    livemode: false,
    metadata,
    payment_intent: charge.payment_intent,
    reason,
    status: 'succeeded',
    source_transfer_reversal: null,
    transfer_reversal: null,
  };
  state.refunds.insert(account, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  state.emit('refund.created', refund, { account });
  state.emit('charge.refunded', charge, { account, previous });
  return refund;
}

export function registerRefunds(router: Router): void {
  router.post('/v1/refunds', (request) => create(request));
  router.get('/v1/refunds', ({ state, params, account }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'charge', 'payment_intent');
    const charge = params.string('charge');
    const paymentIntent = params.string('payment_intent');
    const refunds = state.refunds.list(
      account,
      (refund) => (!charge || refund.charge === charge) && (!paymentIntent || refund.payment_intent === paymentIntent),
    );
    return paginate(refunds, params, '/v1/refunds');
  });
  router.get('/v1/refunds/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    return state.refunds.get(id, account, 'refund');
  });
  router.post('/v1/refunds/:id', ({ state, params, account }, { id }) => {
    params.allowOnly('metadata');
    const refund = state.refunds.get(id, account, 'refund');
    const previous = { metadata: refund.metadata };
    refund.metadata = applyMetadata(refund.metadata, params.metadataPatch());
    state.emit('refund.updated', refund, { account, previous });
    return refund;
  });
}

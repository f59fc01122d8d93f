import type { Transfer, TransferReversal } from '../model';
import type { ApiRequest, Router } from '../router';
import type { EmulatorState } from '../state';
import { newId } from '../store';
import { invalidRequest, resourceMissing } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata, formatMoney } from '../wire/params';
import { transferableFromCharge } from './charges';

function refuseOnConnectedAccount(request: ApiRequest): void {
  if (request.account) {
    throw invalidRequest('The emulator only supports transfers from the platform to connected accounts; drop the Stripe-Account header.');
  }
}

/** The source charge's funds settle on its own schedule; a transfer funded by it follows that schedule. */
function availableOnFor(state: EmulatorState, sourceChargeTransaction: string | null): number {
  const transaction = sourceChargeTransaction ? state.ledger.transactions.find(sourceChargeTransaction, null) : undefined;
  return transaction ? transaction.available_on : state.now();
}

function create(request: ApiRequest): Transfer {
  refuseOnConnectedAccount(request);
  const { state, params } = request;
  params.allowOnly('amount', 'currency', 'destination', 'source_transaction', 'transfer_group', 'metadata', 'description', 'source_type');
  const amount = params.requiredAmount('amount');
  const currency = params.requiredCurrency('currency');
  const destinationId = params.requiredString('destination');
  const sourceTransaction = params.string('source_transaction');
  const metadata = applyMetadata({}, params.metadataPatch());
  const destination = state.accounts.find(destinationId, null);
  if (!destination) throw resourceMissing('destination', destinationId, 'destination');
  if (destination.capabilities.transfers !== 'active') {
    throw invalidRequest(
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments' +
        ` (${destinationId} has transfers ${destination.capabilities.transfers ?? 'not requested'}).`,
      { param: 'destination', code: 'insufficient_capabilities_for_transfer' },
    );
  }
  let sourceChargeTransaction: string | null = null;
  if (sourceTransaction) {
    const charge = state.charges.find(sourceTransaction, null);
    if (!charge) throw resourceMissing('charge', sourceTransaction, 'source_transaction');
    if (charge.status !== 'succeeded') {
      throw invalidRequest(`The source_transaction ${charge.id} has not succeeded, so it cannot fund a transfer.`, { param: 'source_transaction' });
    }
    if (charge.currency !== currency) {
      throw invalidRequest(`The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${currency}).`, {
        param: 'currency',
      });
    }
    const remaining = transferableFromCharge(state, charge);
    if (amount > remaining) {
      throw invalidRequest(
        `Transfer amount ${formatMoney(amount, currency)} exceeds what is left of source_transaction ${charge.id}: ` +
          `${formatMoney(remaining, currency)} (captured minus refunds minus earlier transfers that were not reversed).`,
        { param: 'amount', code: 'amount_too_large' },
      );
    }
    sourceChargeTransaction = charge.balance_transaction;
  } else if (state.ledger.available(null, currency) < amount) {
    throw invalidRequest(
      'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by ' +
        'creating Charges using the 4000000000000077 test card (pm_card_bypassPending), or pass source_transaction.',
      { code: 'balance_insufficient' },
    );
  }
  const id = newId('tr');
  const destinationPayment = newId('py');
  const availableOn = availableOnFor(state, sourceChargeTransaction);
  const platformTransaction = state.ledger.post({
    owner: null, type: 'transfer', reportingCategory: 'transfer', amount: -amount, currency, source: id, availableOn,
  });
  state.ledger.post({
    owner: destinationId, type: 'payment', reportingCategory: 'charge', amount, currency, source: destinationPayment, availableOn,
  });
  const transfer: Transfer = {
    id,
    object: 'transfer',
    amount,
    amount_reversed: 0,
    balance_transaction: platformTransaction.id,
    created: state.now(),
    currency,
    description: params.string('description') ?? null,
    destination: destinationId,
    destination_payment: destinationPayment,
    livemode: false,
    metadata,
    reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: sourceTransaction ?? null,
    source_type: 'card',
    transfer_group: params.string('transfer_group') ?? null,
  };
  state.transfers.insert(null, transfer);
  state.emit('transfer.created', transfer);
  return transfer;
}

function createReversal(request: ApiRequest, transferId: string): TransferReversal {
  refuseOnConnectedAccount(request);
  const { state, params } = request;
  params.allowOnly('amount', 'description', 'metadata', 'refund_application_fee');
  const transfer = state.transfers.get(transferId, null, 'id');
  const unreversed = transfer.amount - transfer.amount_reversed;
  if (unreversed === 0) {
    throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`, { code: 'transfer_already_reversed' });
  }
  const amount = params.amount('amount') ?? unreversed;
  if (amount > unreversed) {
    throw invalidRequest(
      `You have attempted to reverse ${formatMoney(amount, transfer.currency)}, but transfer ${transfer.id} only has ` +
        `${formatMoney(unreversed, transfer.currency)} left to reverse.`,
      { param: 'amount', code: 'amount_too_large' },
    );
  }
  const metadata = applyMetadata({}, params.metadataPatch());
  const id = newId('trr');
  const destinationRefund = newId('pyr');
  const original = state.ledger.transactions.find(transfer.balance_transaction, null);
  const availableOn = original?.available_on ?? state.now();
  const platformTransaction = state.ledger.post({
    owner: null, type: 'transfer_refund', reportingCategory: 'transfer_reversal', amount, currency: transfer.currency, source: id, availableOn,
  });
  state.ledger.post({
    owner: transfer.destination, type: 'payment_refund', reportingCategory: 'transfer_reversal', amount: -amount,
    currency: transfer.currency, source: destinationRefund,
  });
  const reversal: TransferReversal = {
    id,
    object: 'transfer_reversal',
    amount,
    balance_transaction: platformTransaction.id,
    created: state.now(),
    currency: transfer.currency,
    destination_payment_refund: destinationRefund,
    metadata,
    source_refund: null,
    transfer: transfer.id,
  };
  state.reversals.insert(null, reversal);
  const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals.data.unshift(reversal);
  transfer.reversals.total_count = transfer.reversals.data.length;
  state.emit('transfer.reversed', transfer, { previous });
  return reversal;
}

export function registerTransfers(router: Router): void {
  router.post('/v1/transfers', (request) => create(request));
  router.get('/v1/transfers', (request) => {
    refuseOnConnectedAccount(request);
    const { state, params } = request;
    params.allowOnly('limit', 'starting_after', 'ending_before', 'destination', 'transfer_group');
    const destination = params.string('destination');
    const group = params.string('transfer_group');
    const transfers = state.transfers.list(
      null,
      (transfer) => (!destination || transfer.destination === destination) && (!group || transfer.transfer_group === group),
    );
    return paginate(transfers, params, '/v1/transfers');
  });
  router.get('/v1/transfers/:id', ({ state, params }, { id }) => {
    params.allowOnly();
    return state.transfers.get(id, null, 'id');
  });
  router.post('/v1/transfers/:id', ({ state, params }, { id }) => {
    params.allowOnly('metadata', 'description');
    const transfer = state.transfers.get(id, null, 'id');
    const previous = { metadata: transfer.metadata, description: transfer.description };
    transfer.metadata = applyMetadata(transfer.metadata, params.metadataPatch());
    if (params.has('description')) transfer.description = params.string('description') ?? null;
    state.emit('transfer.updated', transfer, { previous });
    return transfer;
  });
  router.post('/v1/transfers/:id/reversals', (request, { id }) => createReversal(request, id));
  router.get('/v1/transfers/:id/reversals', ({ state, params }, { id }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before');
    state.transfers.get(id, null, 'id');
    return paginate(state.reversals.list(null, (reversal) => reversal.transfer === id), params, `/v1/transfers/${id}/reversals`);
  });
  router.get('/v1/transfers/:transfer/reversals/:id', ({ state, params }, { transfer, id }) => {
    params.allowOnly();
    const reversal = state.reversals.get(id, null, 'id');
    if (reversal.transfer !== transfer) throw resourceMissing('transfer_reversal', id, 'id');
    return reversal;
  });
}

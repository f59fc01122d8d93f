import type { Charge, Dispute, DisputeStatus } from '../model';
import type { ApiRequest, Router } from '../router';
import type { EmulatorState } from '../state';
import { DAY, newId, Owner } from '../store';
import { invalidRequest } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata } from '../wire/params';

/** Stripe's dispute lifecycle as data; `transition` refuses anything not listed. */
const TRANSITIONS: Record<DisputeStatus, readonly DisputeStatus[]> = {
  warning_needs_response: ['warning_under_review', 'warning_closed', 'needs_response'],
  warning_under_review: ['warning_closed', 'needs_response'],
  warning_closed: [],
  needs_response: ['under_review', 'won', 'lost'],
  under_review: ['won', 'lost'],
  won: [],
  lost: [],
};

const OPEN_FOR_EVIDENCE: readonly DisputeStatus[] = ['warning_needs_response', 'needs_response'];

const EVIDENCE_FIELDS = [
  'access_activity_log', 'billing_address', 'cancellation_policy', 'cancellation_policy_disclosure', 'cancellation_rebuttal',
  'customer_communication', 'customer_email_address', 'customer_name', 'customer_purchase_ip', 'customer_signature',
  'duplicate_charge_documentation', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'receipt',
  'refund_policy', 'refund_policy_disclosure', 'refund_refusal_explanation', 'service_date', 'service_documentation',
  'shipping_address', 'shipping_carrier', 'shipping_date', 'shipping_documentation', 'shipping_tracking_number',
  'uncategorized_file', 'uncategorized_text',
];

const REASONS = ['fraudulent', 'product_not_received', 'product_unacceptable', 'duplicate', 'subscription_canceled', 'credit_not_processed', 'general', 'unrecognized'];

function transition(dispute: Dispute, to: DisputeStatus): void {
  if (!TRANSITIONS[dispute.status].includes(to)) {
    throw invalidRequest(`Dispute ${dispute.id} is ${dispute.status} and cannot become ${to}.`, { code: 'dispute_unexpected_state' });
  }
  dispute.status = to;
}

function withdrawFunds(state: EmulatorState, owner: Owner, dispute: Dispute): void {
  const transaction = state.ledger.post({
    owner,
    type: 'adjustment',
    reportingCategory: 'dispute',
    amount: -dispute.amount,
    fee: state.options.disputeFee,
    currency: dispute.currency,
    source: dispute.id,
    description: `Chargeback withdrawal for ${dispute.charge}`,
  });
  dispute.balance_transactions.push(transaction);
  dispute.is_charge_refundable = false;
  state.emit('charge.dispute.funds_withdrawn', dispute, { account: owner });
}

/** Opens a chargeback (or, with `inquiry`, an early-warning inquiry that withdraws nothing yet) on a charge. */
export function openDispute(state: EmulatorState, owner: Owner, charge: Charge, options: { inquiry?: boolean; reason?: string; amount?: number } = {}): Dispute {
  if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} did not succeed, so it cannot be disputed.`);
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} already has a dispute.`);
  const reason = options.reason ?? 'fraudulent';
  if (!REASONS.includes(reason)) throw invalidRequest(`Unknown dispute reason ${reason}; use one of ${REASONS.join(', ')}.`);
  const amount = options.amount ?? charge.amount - charge.amount_refunded;
  if (!Number.isInteger(amount) || amount < 1 || amount > charge.amount - charge.amount_refunded) {
    throw invalidRequest(`A dispute on ${charge.id} can be for 1 to ${charge.amount - charge.amount_refunded}; got ${amount}.`);
  }
  const now = state.now();
  const dispute: Dispute = {
    id: newId('du'),
    object: 'dispute',
    amount,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    evidence: Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])),
    evidence_details: { due_by: now + 7 * DAY, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: true,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason,
    status: options.inquiry ? 'warning_needs_response' : 'needs_response',
  };
  state.disputes.insert(owner, dispute);
  charge.disputed = true;
  state.emit('charge.dispute.created', dispute, { account: owner });
  if (!options.inquiry) withdrawFunds(state, owner, dispute);
  return dispute;
}

/**
 * Test control: the card network decides. A chargeback is won (funds and fee reinstated) or lost; an
 * inquiry that is "won" closes as warning_closed and one that is "lost" escalates to a chargeback.
 */
export function resolveDispute(state: EmulatorState, disputeId: string, outcome: 'won' | 'lost'): Dispute {
  const owner = state.disputes.ownerOf(disputeId) ?? null;
  const dispute = state.disputes.get(disputeId, owner);
  const previous = { status: dispute.status };
  if (dispute.status.startsWith('warning_')) {
    if (outcome === 'won') {
      transition(dispute, 'warning_closed');
      state.emit('charge.dispute.closed', dispute, { account: owner, previous });
    } else {
      transition(dispute, 'needs_response');
      dispute.evidence_details.due_by = state.now() + 7 * DAY;
      state.emit('charge.dispute.updated', dispute, { account: owner, previous });
      withdrawFunds(state, owner, dispute);
    }
    return dispute;
  }
  transition(dispute, outcome);
  if (outcome === 'won') {
    const transaction = state.ledger.post({
      owner,
      type: 'adjustment',
      reportingCategory: 'dispute_reversal',
      amount: dispute.amount,
      fee: -state.options.disputeFee,
      currency: dispute.currency,
      source: dispute.id,
      description: `Chargeback reversal for ${dispute.charge}`,
    });
    dispute.balance_transactions.push(transaction);
    state.emit('charge.dispute.funds_reinstated', dispute, { account: owner });
  }
  state.emit('charge.dispute.closed', dispute, { account: owner, previous });
  return dispute;
}

function update(request: ApiRequest, id: string): Dispute {
  const { state, params, account } = request;
  params.allowOnly('evidence', 'metadata', 'submit');
  const dispute = state.disputes.get(id, account, 'dispute');
  const evidence = params.object('evidence');
  const submit = params.boolean('submit') ?? false;
  if ((evidence || submit) && !OPEN_FOR_EVIDENCE.includes(dispute.status)) {
    throw invalidRequest(
      `This dispute is ${dispute.status}; evidence can only be changed or submitted while it is ${OPEN_FOR_EVIDENCE.join(' or ')}.`,
      { param: evidence ? 'evidence' : 'submit' },
    );
  }
  // Validate everything before changing anything: a refused update must leave the dispute as it was.
  const evidenceValues = evidence?.allowOnly(...EVIDENCE_FIELDS).keys().map((field) => [field, evidence.string(field, { maxLength: 20_000 }) ?? null] as const);
  const metadata = params.has('metadata') ? applyMetadata(dispute.metadata, params.metadataPatch()) : undefined;
  const previous: Record<string, unknown> = { status: dispute.status };
  if (evidenceValues) {
    previous.evidence = { ...dispute.evidence };
    for (const [field, value] of evidenceValues) dispute.evidence[field] = value;
    dispute.evidence_details.has_evidence = Object.values(dispute.evidence).some((value) => value !== null);
  }
  if (metadata) {
    previous.metadata = dispute.metadata;
    dispute.metadata = metadata;
  }
  if (submit) {
    transition(dispute, dispute.status === 'needs_response' ? 'under_review' : 'warning_under_review');
    dispute.evidence_details.submission_count++;
  }
  state.emit('charge.dispute.updated', dispute, { account, previous });
  return dispute;
}

function close(request: ApiRequest, id: string): Dispute {
  const { state, params, account } = request;
  params.allowOnly();
  const dispute = state.disputes.get(id, account, 'dispute');
  if (!OPEN_FOR_EVIDENCE.includes(dispute.status)) {
    throw invalidRequest(`This dispute is ${dispute.status}; only a dispute awaiting your response can be closed.`, {
      code: 'dispute_unexpected_state',
    });
  }
  const previous = { status: dispute.status };
  transition(dispute, dispute.status === 'needs_response' ? 'lost' : 'warning_closed');
  state.emit('charge.dispute.closed', dispute, { account, previous });
  return dispute;
}

export function registerDisputes(router: Router): void {
  router.get('/v1/disputes', ({ state, params, account }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'charge', 'payment_intent');
    const charge = params.string('charge');
    const paymentIntent = params.string('payment_intent');
    const disputes = state.disputes.list(
      account,
      (dispute) => (!charge || dispute.charge === charge) && (!paymentIntent || dispute.payment_intent === paymentIntent),
    );
    return paginate(disputes, params, '/v1/disputes');
  });
  router.get('/v1/disputes/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    return state.disputes.get(id, account, 'dispute');
  });
  router.post('/v1/disputes/:id', (request, { id }) => update(request, id));
  router.post('/v1/disputes/:id/close', (request, { id }) => close(request, id));
}

import { randomBytes } from 'node:crypto';
import type { PaymentIntent, PaymentIntentStatus } from '../model';
import type { ApiRequest, Router } from '../router';
import type { EmulatorState } from '../state';
import { clone, newId, Owner } from '../store';
import { cardError, invalidRequest, unexpectedState } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata, formatMoney, minimumChargeAmount, Params } from '../wire/params';
import { createCharge } from './charges';
import { openDispute } from './disputes';
import { usePaymentMethod } from './payment-methods';
import type { TestCard } from './test-cards';

const PAYMENT_METHOD_TYPES = ['card', 'link'];
const CONFIRMABLE: PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE: PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing'];
/** Fields Stripe still lets you change once a PaymentIntent succeeded. */
const UPDATABLE_AFTER_SUCCESS = new Set(['metadata', 'description', 'receipt_email', 'expand']);

function refuseUnsupported(params: Params, account: Owner): void {
  if (params.has('application_fee_amount')) {
    throw invalidRequest(
      account
        ? 'The emulator does not support application fees on direct charges.'
        : 'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment ' +
            '(using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
      { param: 'application_fee_amount' },
    );
  }
  if (params.has('transfer_data') || params.has('on_behalf_of')) {
    throw invalidRequest('The emulator supports separate charges and transfers only: no transfer_data or on_behalf_of.', {
      param: params.has('transfer_data') ? 'transfer_data' : 'on_behalf_of',
    });
  }
  if (params.string('capture_method') === 'manual') {
    throw invalidRequest('The emulator captures automatically; capture_method=manual is not supported.', { param: 'capture_method' });
  }
}

/** API version from which `payment_method_types` is gone from PaymentIntent params (stripe-node 23.0.0). */
const ALLOWED_TYPES_VERSION = '2026-09-30';

interface MethodTypes {
  allowed: string[] | null;
  types: string[];
}

/**
 * Reads `allowed_payment_method_types` (current API) or, for API versions before 2026-09-30,
 * `payment_method_types`. The response's `payment_method_types` lists the allowed types the emulator can
 * actually take (card, link).
 */
function readPaymentMethodTypes(params: Params, apiVersion: string): MethodTypes | undefined {
  if (params.has('payment_method_types') && apiVersion >= ALLOWED_TYPES_VERSION) {
    throw invalidRequest(
      `Received unknown parameter: payment_method_types. (Since API version ${ALLOWED_TYPES_VERSION} PaymentIntents take allowed_payment_method_types; this request uses ${apiVersion}.)`,
      { param: 'payment_method_types', code: 'parameter_unknown' },
    );
  }
  const param = params.has('allowed_payment_method_types') ? 'allowed_payment_method_types' : 'payment_method_types';
  const requested = params.stringList(param);
  if (requested === undefined) return undefined;
  if (requested.length === 0) throw invalidRequest(`${param} must list at least one type.`, { param });
  const types = requested.filter((type) => PAYMENT_METHOD_TYPES.includes(type));
  if (types.length === 0) {
    throw invalidRequest(`None of the payment method types ${requested.join(', ')} is supported by the emulator (supported: ${PAYMENT_METHOD_TYPES.join(', ')}).`, {
      param,
    });
  }
  return { allowed: param === 'allowed_payment_method_types' ? requested : null, types };
}

function checkMinimum(amount: number, currency: string): void {
  const minimum = minimumChargeAmount(currency);
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatMoney(minimum, currency)}`, { param: 'amount', code: 'amount_too_small' });
  }
}

function create(request: ApiRequest): PaymentIntent {
  const { state, params, account } = request;
  params.allowOnly(
    'amount', 'currency', 'automatic_payment_methods', 'allowed_payment_method_types', 'payment_method_types', 'payment_method', 'confirm', 'metadata',
    'description', 'transfer_group', 'customer', 'receipt_email', 'statement_descriptor', 'statement_descriptor_suffix',
    'capture_method', 'confirmation_method', 'return_url', 'off_session', 'application_fee_amount', 'transfer_data', 'on_behalf_of',
  );
  refuseUnsupported(params, account);
  const amount = params.requiredAmount('amount');
  const currency = params.requiredCurrency('currency');
  checkMinimum(amount, currency);
  const automatic = params.object('automatic_payment_methods');
  const types = readPaymentMethodTypes(params, request.apiVersion);
  if (automatic && types && !types.allowed) {
    throw invalidRequest('You may only specify one of these parameters: automatic_payment_methods, payment_method_types.', {
      param: 'automatic_payment_methods',
    });
  }
  if (automatic) {
    automatic.allowOnly('enabled', 'allow_redirects');
    if (automatic.boolean('enabled') === undefined) throw invalidRequest('Missing required param: automatic_payment_methods[enabled].', { param: 'automatic_payment_methods[enabled]', code: 'parameter_missing' });
  }
  const confirm = params.boolean('confirm') ?? false;
  const paymentMethodParam = params.string('payment_method');
  if (confirm && !paymentMethodParam) throw missingPaymentMethod();
  const method = paymentMethodParam ? usePaymentMethod(state, account, paymentMethodParam) : undefined;
  const paymentMethod = method?.paymentMethod.id;
  const card = method?.card;
  const now = state.now();
  const id = newId('pi');
  const paymentIntent: PaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application_fee_amount: null,
    automatic_payment_methods: types && !types.allowed
      ? null
      : { enabled: automatic?.boolean('enabled') ?? true, allow_redirects: automatic?.oneOf('allow_redirects', ['always', 'never'] as const) ?? 'always' },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: params.oneOf('capture_method', ['automatic', 'automatic_async'] as const) ?? 'automatic_async',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    confirmation_method: params.oneOf('confirmation_method', ['automatic', 'manual'] as const) ?? 'automatic',
    created: now,
    currency,
    customer: params.string('customer') ?? null,
    description: params.string('description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: applyMetadata({}, params.metadataPatch()),
    next_action: null,
    on_behalf_of: null,
    payment_method: paymentMethod ?? null,
    allowed_payment_method_types: types?.allowed ?? null,
    payment_method_types: types?.types ?? ['card', 'link'],
    receipt_email: params.string('receipt_email') ?? null,
    statement_descriptor: params.string('statement_descriptor', { maxLength: 22 }) ?? null,
    statement_descriptor_suffix: params.string('statement_descriptor_suffix', { maxLength: 22 }) ?? null,
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: params.string('transfer_group') ?? null,
  };
  state.paymentIntents.insert(account, paymentIntent);
  state.emit('payment_intent.created', paymentIntent, { account });
  if (confirm && card) attemptPayment(state, account, paymentIntent, card);
  return paymentIntent;
}

function missingPaymentMethod() {
  return unexpectedState(
    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent " +
      'with a payment method and then confirm it again, or confirm it again directly with a payment method.',
  );
}

/** Runs a card attempt per the test card's scripted outcome; a decline throws the card_error after recording it. */
export function attemptPayment(state: EmulatorState, owner: Owner, paymentIntent: PaymentIntent, card: TestCard): void {
  if (!paymentIntent.payment_method_types.includes('card')) {
    throw invalidRequest(`This PaymentIntent does not accept card payments (payment_method_types: ${paymentIntent.payment_method_types.join(', ')}).`, {
      param: 'payment_method',
    });
  }
  const outcome = card.outcome;
  if (outcome.kind === 'authenticate') {
    const previous = { status: paymentIntent.status, next_action: paymentIntent.next_action };
    paymentIntent.status = 'requires_action';
    paymentIntent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
    state.emit('payment_intent.requires_action', paymentIntent, { account: owner, previous });
    return;
  }
  if (outcome.kind === 'decline') {
    const charge = createCharge(state, owner, paymentIntent, card, { status: 'failed', ...outcome });
    paymentIntent.status = 'requires_payment_method';
    paymentIntent.latest_charge = charge.id;
    paymentIntent.next_action = null;
    paymentIntent.last_payment_error = {
      type: 'card_error',
      code: outcome.code,
      decline_code: outcome.declineCode,
      message: outcome.message,
      charge: charge.id,
      payment_method: { id: paymentIntent.payment_method ?? '', object: 'payment_method', type: 'card' },
    };
    state.emit('charge.failed', charge, { account: owner });
    state.emit('payment_intent.payment_failed', paymentIntent, { account: owner });
    throw cardError(outcome.message, {
      code: outcome.code,
      declineCode: outcome.declineCode,
      charge: charge.id,
      paymentIntent: clone(paymentIntent),
    });
  }
  succeed(state, owner, paymentIntent, card);
}

function succeed(state: EmulatorState, owner: Owner, paymentIntent: PaymentIntent, card: TestCard): void {
  const charge = createCharge(state, owner, paymentIntent, card, { status: 'succeeded' });
  const previous = { status: paymentIntent.status, amount_received: paymentIntent.amount_received, latest_charge: paymentIntent.latest_charge };
  paymentIntent.status = 'succeeded';
  paymentIntent.amount_received = paymentIntent.amount;
  paymentIntent.latest_charge = charge.id;
  paymentIntent.last_payment_error = null;
  paymentIntent.next_action = null;
  state.emit('charge.succeeded', charge, { account: owner });
  state.emit('payment_intent.succeeded', paymentIntent, { account: owner, previous });
  if (card.outcome.kind === 'dispute') openDispute(state, owner, charge, { inquiry: card.outcome.inquiry, reason: 'fraudulent' });
}

/** Test control: the customer finishes (or fails) 3-D Secure on a PaymentIntent in requires_action. */
export function completeAuthentication(state: EmulatorState, paymentIntentId: string, outcome: 'succeed' | 'fail'): PaymentIntent {
  const owner = state.paymentIntents.ownerOf(paymentIntentId) ?? null;
  const paymentIntent = state.paymentIntents.get(paymentIntentId, owner);
  if (paymentIntent.status !== 'requires_action') {
    throw unexpectedState(`PaymentIntent ${paymentIntentId} has status ${paymentIntent.status}; only requires_action can be authenticated.`);
  }
  const { card } = usePaymentMethod(state, owner, paymentIntent.payment_method ?? '');
  if (outcome === 'succeed') {
    succeed(state, owner, paymentIntent, { ...card, outcome: { kind: 'succeed' } });
    return paymentIntent;
  }
  paymentIntent.status = 'requires_payment_method';
  paymentIntent.next_action = null;
  paymentIntent.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message: 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    payment_method: { id: paymentIntent.payment_method ?? '', object: 'payment_method', type: 'card' },
  };
  state.emit('payment_intent.payment_failed', paymentIntent, { account: owner });
  return paymentIntent;
}

function confirm(request: ApiRequest, id: string): PaymentIntent {
  const { state, params, account } = request;
  params.allowOnly('payment_method', 'return_url', 'receipt_email', 'off_session', 'setup_future_usage');
  const paymentIntent = state.paymentIntents.get(id, account, 'intent');
  if (paymentIntent.status === 'succeeded') {
    throw unexpectedState('You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.');
  }
  if (!CONFIRMABLE.includes(paymentIntent.status)) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${paymentIntent.status}. ` +
        `Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  const requested = params.string('payment_method') ?? paymentIntent.payment_method;
  if (!requested) throw missingPaymentMethod();
  const { paymentMethod, card } = usePaymentMethod(state, account, requested);
  paymentIntent.payment_method = paymentMethod.id;
  paymentIntent.receipt_email = params.string('receipt_email') ?? paymentIntent.receipt_email;
  attemptPayment(state, account, paymentIntent, card);
  return paymentIntent;
}

function update(request: ApiRequest, id: string): PaymentIntent {
  const { state, params, account } = request;
  params.allowOnly(
    'amount', 'currency', 'metadata', 'description', 'payment_method', 'allowed_payment_method_types', 'payment_method_types', 'transfer_group', 'customer',
    'receipt_email', 'statement_descriptor', 'statement_descriptor_suffix', 'application_fee_amount', 'transfer_data',
  );
  refuseUnsupported(params, account);
  const paymentIntent = state.paymentIntents.get(id, account, 'intent');
  const locked = paymentIntent.status === 'succeeded' || paymentIntent.status === 'canceled' || paymentIntent.status === 'processing';
  const lockedField = params.keys().find((key) => !UPDATABLE_AFTER_SUCCESS.has(key));
  if (locked && lockedField) {
    throw unexpectedState(
      `You cannot update ${lockedField} on this PaymentIntent because it has a status of ${paymentIntent.status}. ` +
        `Updates to it are only allowed when the PaymentIntent has one of the following statuses: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  const previous: Record<string, unknown> = {};
  const set = <K extends keyof PaymentIntent>(key: K, value: PaymentIntent[K] | undefined) => {
    if (value === undefined) return;
    previous[key] = paymentIntent[key];
    paymentIntent[key] = value;
  };
  const amount = params.amount('amount');
  const currency = params.currency('currency');
  if (amount !== undefined || currency !== undefined) checkMinimum(amount ?? paymentIntent.amount, currency ?? paymentIntent.currency);
  set('amount', amount);
  set('currency', currency);
  if (params.has('metadata')) set('metadata', applyMetadata(paymentIntent.metadata, params.metadataPatch()));
  if (params.has('description')) set('description', params.string('description') ?? null);
  const types = readPaymentMethodTypes(params, request.apiVersion);
  if (types) {
    set('allowed_payment_method_types', types.allowed);
    set('payment_method_types', types.types);
  }
  set('transfer_group', params.string('transfer_group'));
  set('customer', params.string('customer'));
  set('receipt_email', params.string('receipt_email'));
  set('statement_descriptor', params.string('statement_descriptor', { maxLength: 22 }));
  set('statement_descriptor_suffix', params.string('statement_descriptor_suffix', { maxLength: 22 }));
  const paymentMethod = params.string('payment_method');
  if (paymentMethod) {
    set('payment_method', usePaymentMethod(state, account, paymentMethod).paymentMethod.id);
    set('status', 'requires_confirmation');
  }
  if (Object.keys(previous).length > 0) state.emit('payment_intent.updated', paymentIntent, { account, previous });
  return paymentIntent;
}

function cancel(request: ApiRequest, id: string): PaymentIntent {
  const { state, params, account } = request;
  params.allowOnly('cancellation_reason');
  const reason = params.oneOf('cancellation_reason', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const);
  const paymentIntent = state.paymentIntents.get(id, account, 'intent');
  if (!CANCELABLE.includes(paymentIntent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${paymentIntent.status}. ` +
        `Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  const previous = { status: paymentIntent.status };
  paymentIntent.status = 'canceled';
  paymentIntent.canceled_at = state.now();
  paymentIntent.cancellation_reason = reason ?? null;
  paymentIntent.next_action = null;
  state.emit('payment_intent.canceled', paymentIntent, { account, previous });
  return paymentIntent;
}

export function registerPaymentIntents(router: Router): void {
  router.post('/v1/payment_intents', (request) => create(request));
  router.get('/v1/payment_intents', ({ state, params, account }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'customer');
    const customer = params.string('customer');
    const intents = state.paymentIntents.list(account, (intent) => !customer || intent.customer === customer);
    return paginate(intents, params, '/v1/payment_intents');
  });
  router.get('/v1/payment_intents/:id', ({ state, params, account }, { id }) => {
    params.allowOnly('client_secret');
    return state.paymentIntents.get(id, account, 'intent');
  });
  router.post('/v1/payment_intents/:id', (request, { id }) => update(request, id));
  router.post('/v1/payment_intents/:id/confirm', (request, { id }) => confirm(request, id));
  router.post('/v1/payment_intents/:id/cancel', (request, { id }) => cancel(request, id));
}

import type { Payout } from '../model';
import type { ApiRequest, Router } from '../router';
import type { EmulatorState } from '../state';
import { DAY, newId, Owner } from '../store';
import { invalidRequest } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata, formatMoney } from '../wire/params';

function createPayout(
  state: EmulatorState,
  owner: Owner,
  input: { amount: number; currency: string; automatic: boolean; description?: string; metadata?: Record<string, string>; method?: 'standard' | 'instant' },
): Payout {
  const id = newId('po');
  const now = state.now();
  const transaction = state.ledger.post({
    owner, type: 'payout', reportingCategory: 'payout', amount: -input.amount, currency: input.currency, source: id, description: input.description,
  });
  const payout: Payout = {
    id,
    object: 'payout',
    amount: input.amount,
    arrival_date: now + (input.method === 'instant' ? 0 : DAY),
    automatic: input.automatic,
    balance_transaction: transaction.id,
    created: now,
    currency: input.currency,
    description: input.description ?? (input.automatic ? 'STRIPE PAYOUT' : null),
    destination: `ba_${(owner ?? state.platformAccountId).slice(5, 17)}`,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: input.metadata ?? {},
    method: input.method ?? 'standard',
    source_type: 'card',
    statement_descriptor: null,
    status: 'pending',
    type: 'bank_account',
  };
  state.payouts.insert(owner, payout);
  state.emit('payout.created', payout, { account: owner });
  return payout;
}

function create({ state, params, account }: ApiRequest): Payout {
  params.allowOnly('amount', 'currency', 'description', 'metadata', 'method', 'statement_descriptor', 'destination', 'source_type');
  const amount = params.requiredAmount('amount');
  const currency = params.requiredCurrency('currency');
  const method = params.oneOf('method', ['standard', 'instant'] as const) ?? 'standard';
  const metadata = applyMetadata({}, params.metadataPatch());
  if (account) {
    const connected = state.accounts.get(account, null);
    if (!connected.payouts_enabled) {
      throw invalidRequest(`Payouts are not enabled for ${account}: finish onboarding so that payouts_enabled is true.`, { code: 'payouts_not_allowed' });
    }
  }
  const available = state.ledger.available(account, currency);
  if (amount > available) {
    throw invalidRequest(
      `You have insufficient funds in your Stripe account for this payout: ${formatMoney(amount, currency)} requested, ` +
        `${formatMoney(Math.max(available, 0), currency)} available.`,
      { code: 'balance_insufficient', param: 'amount' },
    );
  }
  return createPayout(state, account, { amount, currency, automatic: false, description: params.string('description'), metadata, method });
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Whether an automatic payout schedule fires at the start of the UTC day beginning at `dayStart`. */
function firesOn(schedule: { interval: string; weekly_anchor?: string; monthly_anchor?: number }, dayStart: number): boolean {
  const date = new Date(dayStart * 1000);
  if (schedule.interval === 'daily') return true;
  if (schedule.interval === 'weekly') return WEEKDAYS[date.getUTCDay()] === (schedule.weekly_anchor ?? 'monday');
  if (schedule.interval === 'monthly') return date.getUTCDate() === (schedule.monthly_anchor ?? 1);
  return false;
}

/**
 * What the clock moving from `from` to `to` does to money: pending payouts whose arrival date has come
 * are paid, and each connected account on an automatic schedule pays out its available balance when a
 * UTC midnight on which its schedule fires (daily, its weekday, its day of month) was crossed.
 */
export function runPayoutSchedule(state: EmulatorState, from: number, to: number): void {
  for (const { owner, value: payout } of state.payouts.all()) {
    if (payout.status === 'pending' && payout.arrival_date <= to) {
      payout.status = 'paid';
      state.emit('payout.paid', payout, { account: owner, previous: { status: 'pending' } });
    }
  }
  const midnights: number[] = [];
  for (let day = Math.floor(from / DAY) + 1; day * DAY <= to && midnights.length < 400; day++) midnights.push(day * DAY);
  if (midnights.length === 0) return;
  for (const account of state.accounts.list(null)) {
    const schedule = account.settings.payouts.schedule;
    if (!account.payouts_enabled || !midnights.some((midnight) => firesOn(schedule, midnight))) continue;
    for (const entry of state.ledger.balance(account.id, account.default_currency).available) {
      if (entry.amount > 0) createPayout(state, account.id, { amount: entry.amount, currency: entry.currency, automatic: true });
    }
  }
}

export function registerBalance(router: Router): void {
  router.get('/v1/balance', ({ state, params, account }) => {
    params.allowOnly();
    if (account) state.accounts.get(account, null);
    return { object: 'balance', livemode: false, ...state.ledger.balance(account, state.defaultCurrency(account)) };
  });
  router.get('/v1/balance_transactions', ({ state, params, account }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'type', 'source', 'currency', 'payout');
    state.ledger.settle();
    const type = params.string('type');
    const source = params.string('source');
    const currency = params.currency('currency');
    const transactions = state.ledger.transactions.list(
      account,
      (transaction) => (!type || transaction.type === type) && (!source || transaction.source === source) && (!currency || transaction.currency === currency),
    );
    return paginate(transactions, params, '/v1/balance_transactions');
  });
  router.get('/v1/balance_transactions/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    state.ledger.settle();
    return state.ledger.transactions.get(id, account, 'id');
  });
  router.post('/v1/payouts', (request) => create(request));
  router.get('/v1/payouts', ({ state, params, account }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'status', 'destination', 'arrival_date', 'created');
    const status = params.string('status');
    return paginate(state.payouts.list(account, (payout) => !status || payout.status === status), params, '/v1/payouts');
  });
  router.get('/v1/payouts/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    return state.payouts.get(id, account, 'payout');
  });
  router.post('/v1/payouts/:id', ({ state, params, account }, { id }) => {
    params.allowOnly('metadata');
    const payout = state.payouts.get(id, account, 'payout');
    const previous = { metadata: payout.metadata };
    payout.metadata = applyMetadata(payout.metadata, params.metadataPatch());
    state.emit('payout.updated', payout, { account, previous });
    return payout;
  });
}

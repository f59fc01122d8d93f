import type { Account, CapabilityStatus } from '../model';
import type { ApiRequest, Router } from '../router';
import type { EmulatorState } from '../state';
import { clone, newId } from '../store';
import { invalidRequest, resourceMissing } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata, Params } from '../wire/params';

const CAPABILITIES = ['transfers', 'card_payments'];
const INITIAL_REQUIREMENTS = ['business_type', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip', 'individual.first_name', 'individual.last_name'];
const PAYOUT_INTERVALS = ['manual', 'daily', 'weekly', 'monthly'] as const;

interface Controller {
  fees: string;
  losses: string;
  dashboard: string;
  requirementCollection: string;
}

/** The legacy `type` Stripe reports for a controller configuration, and the configuration for a `type`. */
function legacyType({ fees, losses, dashboard, requirementCollection }: Controller): string {
  if (dashboard === 'express' && fees === 'application' && losses === 'application' && requirementCollection === 'stripe') return 'express';
  if (dashboard === 'none' && requirementCollection === 'application') return 'custom';
  if (dashboard === 'full' && fees === 'account' && losses === 'stripe') return 'standard';
  return 'none';
}

const CONTROLLER_FOR_TYPE: Record<string, Controller> = {
  express: { fees: 'application', losses: 'application', dashboard: 'express', requirementCollection: 'stripe' },
  custom: { fees: 'application', losses: 'application', dashboard: 'none', requirementCollection: 'application' },
  standard: { fees: 'account', losses: 'stripe', dashboard: 'full', requirementCollection: 'stripe' },
};

function readController(params: Params): Controller {
  const type = params.oneOf('type', ['express', 'custom', 'standard'] as const);
  const controller = params.object('controller');
  if (type && controller) throw invalidRequest('You may only specify one of these parameters: controller, type.', { param: 'controller' });
  if (!controller) return CONTROLLER_FOR_TYPE[type ?? 'standard'];
  controller.allowOnly('fees', 'losses', 'stripe_dashboard', 'requirement_collection');
  const fees = controller.object('fees')?.allowOnly('payer').oneOf('payer', ['account', 'application'] as const) ?? 'account';
  const losses = controller.object('losses')?.allowOnly('payments').oneOf('payments', ['application', 'stripe'] as const) ?? 'stripe';
  const dashboard = controller.object('stripe_dashboard')?.allowOnly('type').oneOf('type', ['express', 'full', 'none'] as const) ?? 'full';
  const requirementCollection = controller.oneOf('requirement_collection', ['application', 'stripe'] as const) ?? 'stripe';
  if (losses === 'application' && fees !== 'application') {
    throw invalidRequest('controller[losses][payments]=application requires controller[fees][payer]=application.', { param: 'controller[fees][payer]' });
  }
  if (dashboard === 'full' && (fees === 'application' || losses === 'application')) {
    throw invalidRequest('Accounts with the full Stripe Dashboard must pay their own fees and losses.', { param: 'controller[stripe_dashboard][type]' });
  }
  return { fees, losses, dashboard, requirementCollection };
}

/** `capabilities[transfers][requested]=true` → requested names (true) and explicitly unrequested ones (false). */
function readCapabilities(params: Params): Map<string, boolean> {
  const requested = new Map<string, boolean>();
  const capabilities = params.object('capabilities');
  if (!capabilities) return requested;
  capabilities.allowOnly(...CAPABILITIES);
  for (const name of capabilities.keys()) {
    const flag = capabilities.object(name)?.allowOnly('requested').boolean('requested');
    if (flag === undefined) throw invalidRequest(`Missing required param: capabilities[${name}][requested].`, { param: `capabilities[${name}][requested]`, code: 'parameter_missing' });
    requested.set(name, flag);
  }
  return requested;
}

function readSchedule(params: Params, current: Account['settings']['payouts']['schedule']): Account['settings']['payouts']['schedule'] {
  const schedule = params.object('settings')?.allowOnly('payouts').object('payouts')?.allowOnly('schedule', 'debit_negative_balances', 'statement_descriptor').object('schedule');
  if (!schedule) return current;
  schedule.allowOnly('delay_days', 'interval', 'weekly_anchor', 'monthly_anchor');
  const delay = schedule.string('delay_days') === 'minimum' ? 2 : schedule.integer('delay_days', { min: 2, max: 365 });
  const interval = schedule.oneOf('interval', PAYOUT_INTERVALS) ?? current.interval;
  const next = { ...current, delay_days: delay ?? current.delay_days, interval };
  const weekly = schedule.oneOf('weekly_anchor', ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const);
  if (weekly) next.weekly_anchor = weekly;
  const monthly = schedule.integer('monthly_anchor', { min: 1, max: 31 });
  if (monthly) next.monthly_anchor = monthly;
  return next;
}

function readBusinessProfile(params: Params, current: Account['business_profile']): Account['business_profile'] {
  const profile = params.object('business_profile');
  if (!profile) return current;
  profile.allowOnly('name', 'url', 'mcc', 'product_description', 'support_email', 'support_phone');
  return {
    name: profile.string('name') ?? current.name,
    url: profile.string('url') ?? current.url,
    mcc: profile.string('mcc') ?? current.mcc,
    product_description: profile.string('product_description') ?? current.product_description,
  };
}

const ACCOUNT_PARAMS = ['type', 'controller', 'country', 'email', 'business_type', 'capabilities', 'metadata', 'settings', 'default_currency', 'business_profile', 'tos_acceptance'];

function create({ state, params, account }: ApiRequest): Account {
  if (account) throw invalidRequest('Connected accounts cannot create accounts; drop the Stripe-Account header.');
  params.allowOnly(...ACCOUNT_PARAMS);
  const controller = readController(params);
  const requested = readCapabilities(params);
  if (controller.dashboard !== 'full' && ![...requested.values()].some(Boolean)) {
    throw invalidRequest(
      'Accounts without the full Stripe Dashboard must request at least one capability, e.g. capabilities[transfers][requested]=true.',
      { param: 'capabilities' },
    );
  }
  const country = (params.string('country') ?? 'US').toUpperCase();
  const created = state.now();
  const base: Account = {
    id: newId('acct', 16),
    object: 'account',
    business_profile: { name: null, url: null, mcc: null, product_description: null },
    business_type: params.oneOf('business_type', ['individual', 'company', 'non_profit', 'government_entity'] as const) ?? null,
    capabilities: Object.fromEntries([...requested].filter(([, on]) => on).map(([name]) => [name, 'inactive' as CapabilityStatus])),
    charges_enabled: false,
    controller: {
      fees: { payer: controller.fees },
      is_controller: true,
      losses: { payments: controller.losses },
      requirement_collection: controller.requirementCollection,
      stripe_dashboard: { type: controller.dashboard },
      type: 'application',
    },
    country,
    created,
    default_currency: params.currency('default_currency') ?? (country === 'US' ? 'usd' : 'eur'),
    details_submitted: false,
    email: params.string('email') ?? null,
    external_accounts: { object: 'list', data: [], has_more: false, total_count: 0, url: '' },
    metadata: applyMetadata({}, params.metadataPatch()),
    payouts_enabled: false,
    requirements: {
      currently_due: [...INITIAL_REQUIREMENTS], eventually_due: [...INITIAL_REQUIREMENTS], past_due: [...INITIAL_REQUIREMENTS],
      pending_verification: [], disabled_reason: 'requirements.past_due', current_deadline: null, errors: [],
    },
    settings: { payouts: { debit_negative_balances: true, schedule: { delay_days: 2, interval: 'daily' }, statement_descriptor: null } },
    tos_acceptance: { date: null },
    type: legacyType(controller),
  };
  base.external_accounts.url = `/v1/accounts/${base.id}/external_accounts`;
  base.settings.payouts.schedule = readSchedule(params, base.settings.payouts.schedule);
  base.business_profile = readBusinessProfile(params, base.business_profile);
  state.accounts.insert(null, base);
  return base;
}

/** Sets capability statuses and the flags that follow from them, emitting account.updated as a Connect event. */
export function setCapabilities(state: EmulatorState, accountId: string, statuses: Record<string, CapabilityStatus>, submitted = true): Account {
  const account = state.accounts.find(accountId, null);
  if (!account) throw resourceMissing('account', accountId);
  const before = clone(account);
  for (const [name, status] of Object.entries(statuses)) {
    if (!CAPABILITIES.includes(name)) throw invalidRequest(`Unknown capability ${name}; the emulator knows ${CAPABILITIES.join(', ')}.`);
    account.capabilities[name] = status;
  }
  const allActive = Object.values(account.capabilities).every((status) => status === 'active');
  if (submitted) {
    account.details_submitted = true;
    account.tos_acceptance.date ??= state.now();
  }
  account.charges_enabled = account.capabilities.card_payments === 'active';
  account.payouts_enabled = account.details_submitted && allActive;
  const due = allActive ? [] : account.requirements.currently_due;
  account.requirements = {
    ...account.requirements,
    currently_due: due, eventually_due: due, past_due: allActive ? [] : account.requirements.past_due,
    pending_verification: Object.values(account.capabilities).includes('pending') ? ['individual.verification.document'] : [],
    disabled_reason: allActive ? null : Object.values(account.capabilities).includes('pending') ? 'requirements.pending_verification' : 'requirements.past_due',
  };
  const previous: Record<string, unknown> = {};
  for (const key of ['capabilities', 'charges_enabled', 'payouts_enabled', 'details_submitted', 'requirements'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(account[key])) previous[key] = before[key];
  }
  if (Object.keys(previous).length === 0) return account;
  for (const [name, status] of Object.entries(statuses)) {
    if (before.capabilities[name] !== status) {
      state.emit('capability.updated', { id: name, object: 'capability', account: accountId, requested: true, status }, {
        account: accountId, previous: { status: before.capabilities[name] ?? 'unrequested' },
      });
    }
  }
  state.emit('account.updated', account, { account: accountId, previous });
  return account;
}

/** Onboarding finished: every requested capability active, details submitted, payouts enabled. */
export function completeOnboarding(state: EmulatorState, accountId: string): Account {
  const account = state.accounts.find(accountId, null);
  if (!account) throw resourceMissing('account', accountId);
  return setCapabilities(state, accountId, Object.fromEntries(Object.keys(account.capabilities).map((name) => [name, 'active' as const])));
}

function update({ state, params, account: actingAccount }: ApiRequest, id: string): Account {
  if (actingAccount && actingAccount !== id) throw resourceMissing('account', id, 'account');
  params.allowOnly('email', 'business_type', 'capabilities', 'metadata', 'settings', 'default_currency', 'business_profile', 'tos_acceptance');
  const account = state.accounts.get(id, null, 'account');
  const requested = readCapabilities(params);
  const schedule = readSchedule(params, account.settings.payouts.schedule);
  const businessProfile = readBusinessProfile(params, account.business_profile);
  const metadata = applyMetadata(account.metadata, params.metadataPatch());
  const before = clone(account);
  account.email = params.string('email') ?? account.email;
  account.business_type = params.oneOf('business_type', ['individual', 'company', 'non_profit', 'government_entity'] as const) ?? account.business_type;
  account.default_currency = params.currency('default_currency') ?? account.default_currency;
  account.metadata = metadata;
  account.business_profile = businessProfile;
  account.settings.payouts.schedule = schedule;
  for (const [name, on] of requested) {
    if (!on) delete account.capabilities[name];
    else account.capabilities[name] ??= account.details_submitted ? 'active' : 'inactive';
  }
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(account) as Array<keyof Account>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(account[key])) previous[key] = before[key];
  }
  if (Object.keys(previous).length > 0) state.emit('account.updated', account, { account: id, previous });
  return account;
}

function platformAccount(state: EmulatorState): Record<string, unknown> {
  return {
    id: state.platformAccountId, object: 'account', business_profile: { name: 'Partsmith (emulated platform)' }, capabilities: {
      card_payments: 'active', transfers: 'active',
    }, charges_enabled: true, country: 'US', default_currency: 'usd', details_submitted: true, payouts_enabled: true, type: 'standard',
  };
}

export function registerAccounts(router: Router): void {
  router.post('/v1/accounts', (request) => create(request));
  router.get('/v1/accounts', ({ state, params }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'created');
    return paginate(state.accounts.list(null), params, '/v1/accounts');
  });
  router.get('/v1/account', ({ state, account }) => (account ? state.accounts.get(account, null) : platformAccount(state)));
  router.get('/v1/accounts/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    if (account && account !== id) throw resourceMissing('account', id, 'account');
    return state.accounts.get(id, null, 'account');
  });
  router.post('/v1/accounts/:id', (request, { id }) => update(request, id));
  router.delete('/v1/accounts/:id', ({ state, account }, { id }) => {
    if (account) throw invalidRequest('Connected accounts cannot delete accounts; drop the Stripe-Account header.');
    state.accounts.get(id, null, 'account');
    state.accounts.delete(id);
    return { id, object: 'account', deleted: true };
  });
  router.get('/v1/accounts/:id/capabilities', ({ state }, { id }) => {
    const account = state.accounts.get(id, null, 'account');
    const data = Object.entries(account.capabilities).map(([name, status]) => ({ id: name, object: 'capability', account: id, requested: true, status }));
    return { object: 'list', data, has_more: false, url: `/v1/accounts/${id}/capabilities` };
  });
}

import { randomBytes } from 'node:crypto';
import type { Router } from '../router';
import type { EmulatorState } from '../state';
import { invalidRequest, resourceMissing } from '../wire/errors';
import { completeOnboarding, setCapabilities } from './accounts';

/** Stripe's onboarding links live for a few minutes. */
const LINK_LIFETIME_SECONDS = 300;

export const ONBOARDING_PATH = '/connect/onboard/';

/** What the hosted onboarding does when the user opens the link. */
export type OnboardingOutcome = 'complete' | 'pending' | 'abandon';

export interface OnboardingVisit {
  /** Where the browser is sent: return_url after onboarding, refresh_url for a used or expired link. */
  location: string;
  accepted: boolean;
}

/**
 * "Clicks" an account link. A fresh link runs the onboarding (`complete`: every requested capability
 * active; `pending`: details submitted, capabilities under verification; `abandon`: nothing) and sends
 * the user to return_url. A used or expired link sends them to refresh_url, as Stripe does.
 */
export function visitOnboardingLink(state: EmulatorState, token: string, outcome: OnboardingOutcome = 'complete'): OnboardingVisit {
  const link = state.accountLinks.get(token);
  if (!link) throw resourceMissing('account_link', token);
  if (link.used || state.now() >= link.expiresAt) return { location: link.refreshUrl, accepted: false };
  link.used = true;
  const account = state.accounts.find(link.account, null);
  if (!account) return { location: link.refreshUrl, accepted: false };
  if (outcome === 'complete') completeOnboarding(state, account.id);
  if (outcome === 'pending') {
    setCapabilities(state, account.id, Object.fromEntries(Object.keys(account.capabilities).map((name) => [name, 'pending' as const])));
  }
  return { location: link.returnUrl, accepted: true };
}

export function onboardingToken(url: string): string {
  const index = url.indexOf(ONBOARDING_PATH);
  if (index === -1) throw new Error(`${url} is not an emulator account link (expected …${ONBOARDING_PATH}<token>).`);
  return url.slice(index + ONBOARDING_PATH.length).split(/[?#]/)[0];
}

export function registerAccountLinks(router: Router): void {
  router.post('/v1/account_links', ({ state, params, account: actingAccount }) => {
    if (actingAccount) throw invalidRequest('Account links are created by the platform; drop the Stripe-Account header.');
    params.allowOnly('account', 'refresh_url', 'return_url', 'type', 'collect', 'collection_options');
    const accountId = params.requiredString('account');
    const type = params.oneOf('type', ['account_onboarding', 'account_update'] as const, { required: true }) as 'account_onboarding' | 'account_update';
    const refreshUrl = params.url('refresh_url', { required: true }) as string;
    const returnUrl = params.url('return_url', { required: true }) as string;
    params.oneOf('collect', ['currently_due', 'eventually_due'] as const);
    params.object('collection_options')?.allowOnly('fields', 'future_requirements');
    const account = state.accounts.find(accountId, null);
    if (!account) throw resourceMissing('account', accountId, 'account');
    if (type === 'account_update' && account.controller.requirement_collection === 'stripe') {
      throw invalidRequest(`You cannot create account_update links for ${accountId}: Stripe collects its requirements (use account_onboarding).`, {
        param: 'type',
      });
    }
    const token = randomBytes(18).toString('base64url');
    const created = state.now();
    state.accountLinks.set(token, { token, account: accountId, type, refreshUrl, returnUrl, expiresAt: created + LINK_LIFETIME_SECONDS, used: false });
    return { object: 'account_link', created, expires_at: created + LINK_LIFETIME_SECONDS, url: `${state.baseUrl}${ONBOARDING_PATH}${token}` };
  });
}

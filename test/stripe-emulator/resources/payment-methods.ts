import type { PaymentMethod } from '../model';
import type { Router } from '../router';
import type { EmulatorState } from '../state';
import { newId, Owner } from '../store';
import { invalidRequest } from '../wire/errors';
import { testCard, TestCard } from './test-cards';

/**
 * Turns what a caller passed as `payment_method` into a PaymentMethod: a test token such as
 * `pm_card_visa` mints a fresh `pm_…` object (as Stripe does), and an id minted earlier is looked up.
 */
export function usePaymentMethod(state: EmulatorState, owner: Owner, idOrToken: string, param = 'payment_method'): { paymentMethod: PaymentMethod; card: TestCard } {
  const token = state.paymentMethodTokens.get(idOrToken);
  if (token) return { paymentMethod: state.paymentMethods.get(idOrToken, owner, param), card: testCard(token, param) };
  const card = testCard(idOrToken, param);
  const paymentMethod: PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    billing_details: { address: null, email: null, name: null, phone: null },
    card: { ...card.card },
    created: state.now(),
    customer: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  state.paymentMethods.insert(owner, paymentMethod);
  state.paymentMethodTokens.set(paymentMethod.id, idOrToken);
  return { paymentMethod, card };
}

export function registerPaymentMethods(router: Router): void {
  router.post('/v1/payment_methods', () => {
    throw invalidRequest('The emulator has no card vault: pass a test token such as pm_card_visa as payment_method instead.');
  });
  router.get('/v1/payment_methods/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    return state.paymentMethods.get(id, account, 'payment_method');
  });
}

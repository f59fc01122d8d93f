import type { CardDetails } from '../model';
import { resourceMissing } from '../wire/errors';

export type CardOutcome =
  | { kind: 'succeed'; bypassPending?: boolean }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'authenticate' }
  | { kind: 'dispute'; inquiry: boolean };

export interface TestCard {
  card: CardDetails;
  outcome: CardOutcome;
}

function card(brand: string, last4: string, funding: 'credit' | 'debit' = 'credit'): CardDetails {
  return { brand, last4, exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, funding, country: 'US' };
}

const declined = (code: string, declineCode: string, message: string): CardOutcome => ({ kind: 'decline', code, declineCode, message });

/** Stripe's test PaymentMethod tokens (https://docs.stripe.com/testing) the emulator understands. */
const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { card: card('visa', '4242'), outcome: { kind: 'succeed' } },
  pm_card_visa_debit: { card: card('visa', '5556', 'debit'), outcome: { kind: 'succeed' } },
  pm_card_mastercard: { card: card('mastercard', '4444'), outcome: { kind: 'succeed' } },
  pm_card_amex: { card: card('amex', '8431'), outcome: { kind: 'succeed' } },
  pm_card_bypassPending: { card: card('visa', '0077'), outcome: { kind: 'succeed', bypassPending: true } },
  pm_card_chargeDeclined: {
    card: card('visa', '0002'),
    outcome: declined('card_declined', 'generic_decline', 'Your card was declined.'),
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    card: card('visa', '9995'),
    outcome: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  pm_card_chargeDeclinedFraudulent: {
    card: card('visa', '0019'),
    outcome: declined('card_declined', 'fraudulent', 'Your card was declined.'),
  },
  pm_card_chargeDeclinedExpiredCard: {
    card: card('visa', '0069'),
    outcome: declined('expired_card', 'expired_card', 'Your card has expired.'),
  },
  pm_card_authenticationRequired: { card: card('visa', '3184'), outcome: { kind: 'authenticate' } },
  pm_card_createDispute: { card: card('visa', '0259'), outcome: { kind: 'dispute', inquiry: false } },
  pm_card_createDisputeInquiry: { card: card('visa', '1976'), outcome: { kind: 'dispute', inquiry: true } },
};

export const TEST_PAYMENT_METHODS = Object.keys(TEST_CARDS);

export function testCard(paymentMethod: string, param = 'payment_method'): TestCard {
  const found = TEST_CARDS[paymentMethod];
  if (!found) throw resourceMissing('PaymentMethod', paymentMethod, param);
  return found;
}

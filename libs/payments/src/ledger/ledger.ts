/**
 * The double-entry model, as plain data and functions (no Nest, no database), so its invariants can be
 * property-tested. Amounts are integer minor units; a posting is a debit when positive and a credit when
 * negative; every entry's postings sum to zero in its currency.
 *
 * Accounts (type, and the scope that makes one account per order or per factory):
 *
 * | account                         | normal | what it is                                                       |
 * |---------------------------------|--------|------------------------------------------------------------------|
 * | processor_balance               | debit  | the platform's Stripe balance (available + pending)              |
 * | processor_fees                  | debit  | Stripe's card and dispute fees (expense)                         |
 * | designer_funds_held:<order>     | credit | the designer's money the platform holds in escrow for the order |
 * | factory_payable:<factory org>   | credit | released to a factory, not yet transferred (negative: clawback due) |
 * | platform_fee_revenue            | credit | charge − payouts, recognised on release                          |
 * | refunds_pending:<order>         | credit | refunds decided, not yet confirmed by Stripe                     |
 * | disputed_funds:<order>          | debit  | withdrawn by a chargeback, until the card network decides        |
 * | platform_losses                 | debit  | chargebacks lost after release, refunds beyond what was held     |
 */
export const ACCOUNT_TYPES = [
  'processor_balance',
  'processor_fees',
  'designer_funds_held',
  'factory_payable',
  'platform_fee_revenue',
  'refunds_pending',
  'disputed_funds',
  'platform_losses',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export interface AccountRef {
  type: AccountType;
  /** Order id (held, refunds pending, disputed) or factory organisation id (payable); null for platform-wide accounts. */
  scope: string | null;
}

export const accounts = {
  processorBalance: (): AccountRef => ({ type: 'processor_balance', scope: null }),
  processorFees: (): AccountRef => ({ type: 'processor_fees', scope: null }),
  held: (orderId: string): AccountRef => ({ type: 'designer_funds_held', scope: orderId }),
  factoryPayable: (factoryOrganizationId: string): AccountRef => ({ type: 'factory_payable', scope: factoryOrganizationId }),
  feeRevenue: (): AccountRef => ({ type: 'platform_fee_revenue', scope: null }),
  refundsPending: (orderId: string): AccountRef => ({ type: 'refunds_pending', scope: orderId }),
  disputed: (orderId: string): AccountRef => ({ type: 'disputed_funds', scope: orderId }),
  losses: (): AccountRef => ({ type: 'platform_losses', scope: null }),
};

export function accountCode(ref: AccountRef): string {
  return ref.scope ? `${ref.type}:${ref.scope}` : ref.type;
}

export interface Posting {
  account: AccountRef;
  /** + debit, − credit. */
  amountMinor: number;
}

export const ENTRY_KINDS = [
  'capture',
  'processor_fee',
  'release',
  'transfer',
  'transfer_reversal',
  'escrow_return',
  'refund',
  'refund_settled',
  'refund_failed',
  'dispute_funds',
  'chargeback_lost',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface EntryDraft {
  /** Unique, derived from the processor's or our own ids: posting the same fact twice is a no-op. */
  key: string;
  kind: EntryKind;
  orderId: string | null;
  currency: string;
  memo: string;
  postings: Posting[];
}

function entry(key: string, kind: EntryKind, orderId: string | null, currency: string, memo: string, postings: Posting[]): EntryDraft {
  const draft = { key, kind, orderId, currency, memo, postings: postings.filter((p) => p.amountMinor !== 0) };
  assertBalanced(draft);
  return draft;
}

const positive = (what: string, amount: number) => {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`${what} must be a non-negative integer number of minor units (got ${amount})`);
  return amount;
};

/** The designer's payment arrives: it is held for the order. */
export function capture(input: { chargeId: string; orderId: string; amountMinor: number; currency: string }): EntryDraft {
  const amount = positive('captured amount', input.amountMinor);
  return entry(`charge:${input.chargeId}:capture`, 'capture', input.orderId, input.currency, `payment for order ${input.orderId} captured (${input.chargeId})`, [
    { account: accounts.processorBalance(), amountMinor: amount },
    { account: accounts.held(input.orderId), amountMinor: -amount },
  ]);
}

/** Stripe's card fee on a charge (the platform owns fees). */
export function processorFee(input: { chargeId: string; orderId: string; feeMinor: number; currency: string }): EntryDraft {
  const fee = positive('fee', input.feeMinor);
  return entry(`charge:${input.chargeId}:fee`, 'processor_fee', input.orderId, input.currency, `Stripe fee on ${input.chargeId}`, [
    { account: accounts.processorFees(), amountMinor: fee },
    { account: accounts.processorBalance(), amountMinor: -fee },
  ]);
}

/**
 * Escrow releases `grossMinor` of the order's held funds: `payoutMinor` becomes payable to the factory and
 * the rest is the platform's fee (the fee is charge minus transfers, never an application fee).
 */
export function release(input: { key: string; orderId: string; factoryOrganizationId: string; grossMinor: number; payoutMinor: number; currency: string }): EntryDraft {
  const gross = positive('released gross', input.grossMinor);
  const payout = positive('payout', input.payoutMinor);
  if (payout > gross) throw new RangeError(`payout ${payout} exceeds the released ${gross}`);
  return entry(input.key, 'release', input.orderId, input.currency, `escrow of order ${input.orderId} released: ${payout} to factory, ${gross - payout} fee`, [
    { account: accounts.held(input.orderId), amountMinor: gross },
    { account: accounts.factoryPayable(input.factoryOrganizationId), amountMinor: -payout },
    { account: accounts.feeRevenue(), amountMinor: -(gross - payout) },
  ]);
}

/** A Transfer to the factory's connected account leaves the platform balance. */
export function transferCreated(input: { transferId: string; orderId: string; factoryOrganizationId: string; amountMinor: number; currency: string }): EntryDraft {
  const amount = positive('transfer', input.amountMinor);
  return entry(`transfer:${input.transferId}:created`, 'transfer', input.orderId, input.currency, `transfer ${input.transferId} to factory`, [
    { account: accounts.factoryPayable(input.factoryOrganizationId), amountMinor: amount },
    { account: accounts.processorBalance(), amountMinor: -amount },
  ]);
}

/** Money comes back from the factory's account (the platform owes it again until the return is decided). */
export function transferReversed(input: { reversalId: string; orderId: string; factoryOrganizationId: string; amountMinor: number; currency: string }): EntryDraft {
  const amount = positive('reversal', input.amountMinor);
  return entry(`reversal:${input.reversalId}`, 'transfer_reversal', input.orderId, input.currency, `transfer reversal ${input.reversalId}`, [
    { account: accounts.processorBalance(), amountMinor: amount },
    { account: accounts.factoryPayable(input.factoryOrganizationId), amountMinor: -amount },
  ]);
}

/** Released money goes back into the order's escrow (before a refund after transfer): from the factory and from the fee. */
export function escrowReturn(input: { key: string; orderId: string; factoryOrganizationId: string; fromFactoryMinor: number; fromFeeMinor: number; currency: string }): EntryDraft {
  const fromFactory = positive('returned from factory', input.fromFactoryMinor);
  const fromFee = positive('returned from fee', input.fromFeeMinor);
  return entry(input.key, 'escrow_return', input.orderId, input.currency, `released funds of order ${input.orderId} returned to escrow`, [
    { account: accounts.factoryPayable(input.factoryOrganizationId), amountMinor: fromFactory },
    { account: accounts.feeRevenue(), amountMinor: fromFee },
    { account: accounts.held(input.orderId), amountMinor: -(fromFactory + fromFee) },
  ]);
}

/**
 * A refund is decided (ours) or seen (made elsewhere): it leaves escrow. What exceeds the held funds (only
 * possible for a refund made outside Partsmith) is the platform's loss.
 */
export function refundRequested(input: { refundId: string; orderId: string; amountMinor: number; heldMinor: number; currency: string }): EntryDraft {
  const amount = positive('refund', input.amountMinor);
  const fromHeld = Math.min(amount, Math.max(0, input.heldMinor));
  return entry(`refund:${input.refundId}:requested`, 'refund', input.orderId, input.currency, `refund ${input.refundId} for order ${input.orderId}`, [
    { account: accounts.held(input.orderId), amountMinor: fromHeld },
    { account: accounts.losses(), amountMinor: amount - fromHeld },
    { account: accounts.refundsPending(input.orderId), amountMinor: -amount },
  ]);
}

export function refundSettled(input: { refundId: string; orderId: string; amountMinor: number; currency: string }): EntryDraft {
  const amount = positive('refund', input.amountMinor);
  return entry(`refund:${input.refundId}:settled`, 'refund_settled', input.orderId, input.currency, `refund ${input.refundId} paid out by Stripe`, [
    { account: accounts.refundsPending(input.orderId), amountMinor: amount },
    { account: accounts.processorBalance(), amountMinor: -amount },
  ]);
}

/** A refund that failed (or was cancelled) after it was requested: the money is held again. */
export function refundFailed(input: { refundId: string; orderId: string; amountMinor: number; settled: boolean; currency: string }): EntryDraft {
  const amount = positive('refund', input.amountMinor);
  const postings: Posting[] = input.settled
    ? [
        { account: accounts.processorBalance(), amountMinor: amount },
        { account: accounts.held(input.orderId), amountMinor: -amount },
      ]
    : [
        { account: accounts.refundsPending(input.orderId), amountMinor: amount },
        { account: accounts.held(input.orderId), amountMinor: -amount },
      ];
  return entry(`refund:${input.refundId}:failed`, 'refund_failed', input.orderId, input.currency, `refund ${input.refundId} failed; funds held again`, postings);
}

/**
 * One balance transaction of a chargeback: negative amount = funds withdrawn (plus the dispute fee),
 * positive = reinstated (fee given back).
 */
export function disputeFunds(input: { balanceTransactionId: string; orderId: string; amountMinor: number; feeMinor: number; currency: string }): EntryDraft {
  const { amountMinor: amount, feeMinor: fee } = input;
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(fee)) throw new RangeError('dispute amounts must be integers');
  return entry(`dispute-funds:${input.balanceTransactionId}`, 'dispute_funds', input.orderId, input.currency, `chargeback funds movement ${input.balanceTransactionId}`, [
    { account: accounts.disputed(input.orderId), amountMinor: -amount },
    { account: accounts.processorFees(), amountMinor: fee },
    { account: accounts.processorBalance(), amountMinor: amount - fee },
  ]);
}

/** A lost chargeback: the designer got the money back through their bank, from escrow first, the rest is a loss. */
export function chargebackLost(input: { disputeId: string; orderId: string; amountMinor: number; heldMinor: number; currency: string }): EntryDraft {
  const amount = positive('chargeback', input.amountMinor);
  const fromHeld = Math.min(amount, Math.max(0, input.heldMinor));
  return entry(`dispute:${input.disputeId}:lost`, 'chargeback_lost', input.orderId, input.currency, `chargeback ${input.disputeId} lost`, [
    { account: accounts.held(input.orderId), amountMinor: fromHeld },
    { account: accounts.losses(), amountMinor: amount - fromHeld },
    { account: accounts.disputed(input.orderId), amountMinor: -amount },
  ]);
}

export class UnbalancedEntryError extends Error {}

export function assertBalanced(draft: Pick<EntryDraft, 'key' | 'postings'>): void {
  const sum = draft.postings.reduce((total, posting) => total + posting.amountMinor, 0);
  if (sum !== 0) throw new UnbalancedEntryError(`ledger entry ${draft.key} does not balance: ${sum} left over`);
  for (const posting of draft.postings) {
    if (!Number.isSafeInteger(posting.amountMinor)) throw new UnbalancedEntryError(`ledger entry ${draft.key} has a non-integer amount`);
  }
}

/** Balances by account code (debit-positive), from entries applied once each (by key). */
export function balances(entries: Iterable<EntryDraft>): Map<string, number> {
  const seen = new Set<string>();
  const result = new Map<string, number>();
  for (const draft of entries) {
    if (seen.has(draft.key)) continue;
    seen.add(draft.key);
    for (const posting of draft.postings) {
      const code = `${accountCode(posting.account)}/${draft.currency}`;
      result.set(code, (result.get(code) ?? 0) + posting.amountMinor);
    }
  }
  return result;
}

/** Held funds of an order: the credit balance of its held account. */
export function heldFor(entries: Iterable<EntryDraft>, orderId: string, currency: string): number {
  return 0 - (balances(entries).get(`${accountCode(accounts.held(orderId))}/${currency}`) ?? 0);
}

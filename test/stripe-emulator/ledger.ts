import type { BalanceTransaction } from './model';
import { Clock, newId, Owner, Table } from './store';

export interface Posting {
  owner: Owner;
  type: string;
  reportingCategory: string;
  /** Gross amount, signed: positive credits the balance. */
  amount: number;
  /** Stripe's fee, positive when charged and negative when given back; `net = amount - fee`. */
  fee?: number;
  currency: string;
  source: string;
  description?: string;
  /** When the funds become available; defaults to now. */
  availableOn?: number;
}

export interface BalanceAmount {
  amount: number;
  currency: string;
  source_types: { card: number };
}

/**
 * Every money movement as Stripe balance transactions, per account. Balances are sums of `net`, split
 * into available and pending by `available_on` against the emulated clock, so they stay consistent with
 * the transactions by construction.
 */
export class Ledger {
  readonly transactions = new Table<BalanceTransaction>('balance_transaction', 'txn');

  constructor(private readonly clock: Clock) {}

  post(posting: Posting): BalanceTransaction {
    const now = this.clock.now();
    const fee = posting.fee ?? 0;
    const availableOn = Math.max(posting.availableOn ?? now, now);
    const transaction: BalanceTransaction = {
      id: newId('txn'),
      object: 'balance_transaction',
      amount: posting.amount,
      available_on: availableOn,
      balance_type: 'payments',
      created: now,
      currency: posting.currency,
      description: posting.description ?? null,
      exchange_rate: null,
      fee,
      fee_details:
        fee === 0
          ? []
          : [{ amount: fee, currency: posting.currency, description: 'Stripe processing fees', type: 'stripe_fee', application: null }],
      net: posting.amount - fee,
      reporting_category: posting.reportingCategory,
      source: posting.source,
      status: availableOn <= now ? 'available' : 'pending',
      type: posting.type,
    };
    return this.transactions.insert(posting.owner, transaction);
  }

  /** Flips pending transactions whose `available_on` has passed; run before any balance is read. */
  settle(): void {
    const now = this.clock.now();
    for (const { value } of this.transactions.all()) {
      if (value.status === 'pending' && value.available_on <= now) value.status = 'available';
    }
  }

  balance(owner: Owner, defaultCurrency: string): { available: BalanceAmount[]; pending: BalanceAmount[] } {
    this.settle();
    const available = new Map<string, number>();
    const pending = new Map<string, number>();
    for (const transaction of this.transactions.list(owner)) {
      const bucket = transaction.status === 'available' ? available : pending;
      bucket.set(transaction.currency, (bucket.get(transaction.currency) ?? 0) + transaction.net);
    }
    const currencies = new Set([defaultCurrency, ...available.keys(), ...pending.keys()]);
    const amounts = (bucket: Map<string, number>) =>
      [...currencies].sort().map((currency) => {
        const amount = bucket.get(currency) ?? 0;
        return { amount, currency, source_types: { card: amount } };
      });
    return { available: amounts(available), pending: amounts(pending) };
  }

  available(owner: Owner, currency: string): number {
    return this.balance(owner, currency).available.find((entry) => entry.currency === currency)?.amount ?? 0;
  }
}

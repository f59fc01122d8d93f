import Stripe from 'stripe';
import { FaultInjector } from './faults';
import { IdempotencyStore } from './idempotency';
import { Ledger } from './ledger';
import type {
  Account,
  Charge,
  Dispute,
  PaymentIntent,
  PaymentMethod,
  Payout,
  Refund,
  StripeEvent,
  Transfer,
  TransferReversal,
} from './model';
import { Clock, clone, newId, Owner, Table } from './store';
import { DEFAULT_RETRY, WebhookDispatcher, WebhookRetryOptions } from './webhooks';

export interface EmulatorOptions {
  /** Secret keys the API accepts; by default any `sk_test_…` or `rk_test_…` key. */
  apiKeys?: string[];
  /** Stripe's card processing fee charged to the platform: percent of the amount plus a fixed part. */
  cardFee?: { percent: number; fixed: number };
  /** Fee withdrawn with a disputed amount (given back when the dispute is won). */
  disputeFee?: number;
  /** Days a successful card payment stays pending before it is available (`pm_card_bypassPending` skips it). */
  settlementDelayDays?: number;
  /**
   * Emulator-only rule (real Stripe would accept and debit the platform): refuse a refund larger than
   * what the platform still holds from the charge, i.e. until the transfers made from it are reversed.
   */
  refundsRequireReversal?: boolean;
  webhookRetry?: Partial<WebhookRetryOptions>;
  /** Version stamped on events; defaults to the installed SDK's pinned version. */
  apiVersion?: string;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'apiKeys' | 'webhookRetry'>> & {
  apiKeys: string[] | null;
  webhookRetry: WebhookRetryOptions;
};

export interface AccountLinkRecord {
  token: string;
  account: string;
  type: 'account_onboarding' | 'account_update';
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  account: string | null;
  idempotencyKey: string | null;
  status: number | null;
  replayed: boolean;
  fault: string | null;
}

/** Everything one emulator instance knows; resources read and change it through this object. */
export class EmulatorState {
  readonly options: ResolvedOptions;
  readonly clock = new Clock();
  readonly platformAccountId = newId('acct', 16);
  readonly ledger = new Ledger(this.clock);
  readonly idempotency = new IdempotencyStore(this.clock);
  readonly faults = new FaultInjector();
  readonly webhooks: WebhookDispatcher;

  readonly paymentIntents = new Table<PaymentIntent>('payment_intent', 'pi');
  readonly paymentMethods = new Table<PaymentMethod>('PaymentMethod', 'pm');
  /** Minted PaymentMethod id → the test token it came from (which decides how payments with it go). */
  readonly paymentMethodTokens = new Map<string, string>();
  readonly charges = new Table<Charge>('charge', 'ch');
  readonly refunds = new Table<Refund>('refund', 're');
  readonly transfers = new Table<Transfer>('transfer', 'tr');
  readonly reversals = new Table<TransferReversal>('transfer_reversal', 'trr');
  readonly disputes = new Table<Dispute>('dispute', 'du');
  readonly accounts = new Table<Account>('account', 'acct');
  readonly payouts = new Table<Payout>('payout', 'po');
  readonly events = new Table<StripeEvent>('event', 'evt');
  readonly accountLinks = new Map<string, AccountLinkRecord>();
  readonly requests: RequestRecord[] = [];

  /** Set while an API request runs, so the events it causes name it. */
  currentRequest: { id: string; idempotencyKey: string | null } | null = null;
  baseUrl = 'http://127.0.0.1';

  constructor(options: EmulatorOptions = {}) {
    this.options = {
      apiKeys: options.apiKeys ?? null,
      cardFee: options.cardFee ?? { percent: 2.9, fixed: 30 },
      disputeFee: options.disputeFee ?? 1500,
      settlementDelayDays: options.settlementDelayDays ?? 2,
      refundsRequireReversal: options.refundsRequireReversal ?? true,
      webhookRetry: { ...DEFAULT_RETRY, ...options.webhookRetry },
      apiVersion: options.apiVersion ?? Stripe.API_VERSION,
    };
    this.webhooks = new WebhookDispatcher(this.options.webhookRetry);
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Records an event for a state change and hands it to the webhook endpoints. `account` marks a
   * Connect event (one that happened on a connected account).
   */
  emit(type: string, object: unknown, options: { account?: string | null; previous?: Record<string, unknown> } = {}): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      ...(options.account ? { account: options.account } : {}),
      api_version: this.options.apiVersion,
      created: this.now(),
      data: { object: clone(object), ...(options.previous ? { previous_attributes: clone(options.previous) } : {}) },
      livemode: false,
      pending_webhooks: 0,
      request: { id: this.currentRequest?.id ?? null, idempotency_key: this.currentRequest?.idempotencyKey ?? null },
      type,
    };
    event.pending_webhooks = this.webhooks.matchingEndpoints(event).length;
    this.events.insert(options.account ?? null, event);
    this.webhooks.dispatch(event);
    return event;
  }

  /** Finds any object by id for `expand[]`, within what `owner` may see. */
  resolve(id: string, owner: Owner): unknown {
    const prefix = id.slice(0, id.indexOf('_'));
    switch (prefix) {
      case 'pi':
        return this.paymentIntents.find(id, owner);
      case 'ch':
        return this.charges.find(id, owner);
      case 'pm':
        return this.paymentMethods.find(id, owner);
      case 're':
        return this.refunds.find(id, owner);
      case 'tr':
        return this.transfers.find(id, owner);
      case 'trr':
        return this.reversals.find(id, owner);
      case 'du':
        return this.disputes.find(id, owner);
      case 'acct':
        return this.accounts.find(id, null);
      case 'po':
        return this.payouts.find(id, owner);
      case 'txn':
        this.ledger.settle();
        return this.ledger.transactions.find(id, owner);
      default:
        return undefined;
    }
  }

  /** The account a request acts for must exist and not be deleted. */
  connectedAccount(id: string): Account | undefined {
    return this.accounts.find(id, null);
  }

  defaultCurrency(owner: Owner): string {
    return owner ? (this.accounts.find(owner, null)?.default_currency ?? 'usd') : 'usd';
  }

  cardFee(amount: number): number {
    return Math.round((amount * this.options.cardFee.percent) / 100) + this.options.cardFee.fixed;
  }
}

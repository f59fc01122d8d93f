import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { handleControl } from './controls';
import type { FaultRule } from './faults';
import type { Account, CapabilityStatus, Dispute, PaymentIntent, StripeEvent, WebhookEndpoint } from './model';
import { registerAccountLinks, onboardingToken, OnboardingOutcome, OnboardingVisit, visitOnboardingLink } from './resources/account-links';
import { completeOnboarding, registerAccounts, setCapabilities } from './resources/accounts';
import { registerBalance, runPayoutSchedule } from './resources/balance';
import { registerCharges } from './resources/charges';
import { openDispute, registerDisputes, resolveDispute } from './resources/disputes';
import { addWebhookEndpoint, registerEvents, WebhookEndpointInput } from './resources/events';
import { completeAuthentication, registerPaymentIntents } from './resources/payment-intents';
import { registerPaymentMethods } from './resources/payment-methods';
import { registerRefunds } from './resources/refunds';
import { registerTransfers } from './resources/transfers';
import { Router } from './router';
import { createRequestListener } from './server';
import { EmulatorOptions, EmulatorState, RequestRecord } from './state';
import { DAY } from './store';
import { DeliveryAttempt, ReleaseOrder, signatureHeader } from './webhooks';

export type { EmulatorOptions } from './state';
export type { FaultRule, FaultKind } from './faults';
export type { DeliveryAttempt, ReleaseOrder } from './webhooks';
export type { OnboardingOutcome, OnboardingVisit } from './resources/account-links';

export const DEFAULT_TEST_KEY = 'sk_test_emulator';

function buildApiRouter(): Router {
  const router = new Router();
  registerPaymentIntents(router);
  registerPaymentMethods(router);
  registerCharges(router);
  registerRefunds(router);
  registerTransfers(router);
  registerDisputes(router);
  registerAccounts(router);
  registerAccountLinks(router);
  registerBalance(router);
  registerEvents(router);
  return router;
}

/**
 * A local Stripe API for tests: the real `stripe` SDK talks to it over HTTP on 127.0.0.1, state lives
 * in memory per instance, and the methods below are test controls Stripe itself doesn't have
 * (finish onboarding, open disputes, move the clock, inject faults, steer webhook delivery).
 */
export class StripeEmulator {
  private current: EmulatorState;
  private server: http.Server | null = null;
  private address: { port: number; url: string } | null = null;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.current = new EmulatorState(options);
  }

  get state(): EmulatorState {
    return this.current;
  }

  get url(): string {
    if (!this.address) throw new Error('The Stripe emulator is not running; await emulator.start() first.');
    return this.address.url;
  }

  get port(): number {
    if (!this.address) throw new Error('The Stripe emulator is not running; await emulator.start() first.');
    return this.address.port;
  }

  /** Listens on 127.0.0.1, on a free port unless one is given. */
  async start(port = 0): Promise<{ port: number; url: string }> {
    if (this.address) return this.address;
    const api = buildApiRouter();
    const server = http.createServer(
      createRequestListener({ state: () => this.current, api, controls: (request, response, body) => handleControl(this, request, response, body) }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const { port: bound } = server.address() as AddressInfo;
    this.server = server;
    this.address = { port: bound, url: `http://127.0.0.1:${bound}` };
    this.current.baseUrl = this.address.url;
    return this.address;
  }

  async stop(): Promise<void> {
    this.current.webhooks.stop();
    const server = this.server;
    this.server = null;
    this.address = null;
    if (!server) return;
    // The SDK keeps connections alive; close them or `close` waits for them to time out.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * An SDK client wired to this emulator. The SDK takes `host`, `port` and `protocol` separately
   * (not a base URL) and uses them for every API call.
   */
  client(apiKey = DEFAULT_TEST_KEY, config: Stripe.StripeConfig = {}): Stripe {
    return new Stripe(apiKey, { host: '127.0.0.1', port: this.port, protocol: 'http', maxNetworkRetries: 2, ...config });
  }

  /** Forgets every object, event, endpoint, key and fault; the server keeps running. */
  reset(): void {
    this.current.webhooks.stop();
    this.current = new EmulatorState(this.options);
    if (this.address) this.current.baseUrl = this.address.url;
  }

  // Connect onboarding

  completeOnboarding(accountId: string): Account {
    return completeOnboarding(this.current, accountId);
  }

  setCapability(accountId: string, capability: 'transfers' | 'card_payments', status: CapabilityStatus): Account {
    return setCapabilities(this.current, accountId, { [capability]: status });
  }

  /** Opens an account link as a browser would, without HTTP; same rules as GET on its url. */
  visitAccountLink(url: string, outcome: OnboardingOutcome = 'complete'): OnboardingVisit {
    return visitOnboardingLink(this.current, onboardingToken(url), outcome);
  }

  // Payments and disputes

  completeAuthentication(paymentIntentId: string, outcome: 'succeed' | 'fail' = 'succeed'): PaymentIntent {
    return completeAuthentication(this.current, paymentIntentId, outcome);
  }

  openDispute(chargeId: string, options: { inquiry?: boolean; reason?: string; amount?: number } = {}): Dispute {
    const owner = this.current.charges.ownerOf(chargeId) ?? null;
    return openDispute(this.current, owner, this.current.charges.get(chargeId, owner), options);
  }

  resolveDispute(disputeId: string, outcome: 'won' | 'lost'): Dispute {
    return resolveDispute(this.current, disputeId, outcome);
  }

  // Time

  now(): number {
    return this.current.now();
  }

  /** Moves the emulated clock: pending funds settle, payouts arrive, automatic payout schedules run at the UTC midnights crossed. */
  advanceTime(by: { seconds?: number; days?: number }): number {
    const from = this.current.now();
    this.current.clock.advance((by.seconds ?? 0) + (by.days ?? 0) * DAY);
    this.current.ledger.settle();
    runPayoutSchedule(this.current, from, this.current.now());
    return this.current.now();
  }

  // Faults

  injectFault(rule: FaultRule): void {
    this.current.faults.add(rule);
  }

  /** Every API request received, in order, with whether it was replayed or hit a fault. */
  get requests(): readonly RequestRecord[] {
    return this.current.requests;
  }

  // Events and webhooks

  events(filter: { type?: string; account?: string | null } = {}): StripeEvent[] {
    return this.current.events
      .all()
      .map((row) => row.value)
      .filter((event) => (!filter.type || event.type === filter.type) && (filter.account === undefined || (event.account ?? null) === filter.account));
  }

  /** Registers an endpoint (like webhook_endpoints.create) and returns it with its signing secret. */
  addWebhookEndpoint(input: WebhookEndpointInput): WebhookEndpoint & { secret: string } {
    return addWebhookEndpoint(this.current, input) as WebhookEndpoint & { secret: string };
  }

  readonly webhooks = {
    /** Keep deliveries back until `release`. */
    hold: (): void => this.current.webhooks.hold(),
    /** Send held deliveries: in order, reversed or shuffled. Returns how many were released. */
    release: (order: ReleaseOrder = 'fifo'): number => this.current.webhooks.release(order),
    heldCount: (): number => this.current.webhooks.heldCount(),
    /** Deliver every following event twice to each endpoint. */
    duplicateDeliveries: (on = true): void => this.current.webhooks.setDuplicating(on),
    /** Send an event again (to one endpoint or every matching one). */
    redeliver: (eventId: string, endpointId?: string): void => {
      const row = this.current.events.all().find(({ value }) => value.id === eventId);
      if (!row) throw new Error(`No event ${eventId} in this emulator.`);
      this.current.webhooks.redeliver(row.value, endpointId);
    },
    /** Resolves when nothing is in flight or waiting to be retried. */
    whenIdle: (): Promise<void> => this.current.webhooks.whenIdle(),
    attempts: (): readonly DeliveryAttempt[] => this.current.webhooks.attempts,
  };

  /** A valid `Stripe-Signature` header for a payload, as the emulator signs deliveries. */
  generateTestHeader(payload: string, secret: string, timestamp?: number): string {
    return signatureHeader(payload, secret, timestamp);
  }
}

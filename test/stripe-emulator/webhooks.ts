import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { StripeEvent, WebhookEndpoint } from './model';
import { Table } from './store';

export interface WebhookRetryOptions {
  /** Attempts per delivery, the first included (Stripe retries for days; tests want a bound). */
  maxAttempts: number;
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  /** How long an endpoint may take to answer before the attempt counts as failed. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: WebhookRetryOptions = { maxAttempts: 3, baseDelayMs: 50, timeoutMs: 5_000 };

export interface DeliveryAttempt {
  eventId: string;
  eventType: string;
  endpointId: string;
  attempt: number;
  /** The endpoint's HTTP status, or null when it couldn't be reached. */
  status: number | null;
  error?: string;
  /** Whether this attempt was a test-control redelivery rather than a first delivery or retry. */
  redelivery: boolean;
}

export type ReleaseOrder = 'fifo' | 'reverse' | 'shuffle';

interface Pending {
  event: StripeEvent;
  endpoint: WebhookEndpoint;
  attempt: number;
  redelivery: boolean;
}

/** `t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`, exactly what `stripe.webhooks.constructEvent` verifies. */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Sends events to webhook endpoints as Stripe does: the JSON event POSTed with a `Stripe-Signature`
 * header, platform endpoints getting platform events and Connect endpoints getting events that carry
 * `account`. Deliveries to one endpoint go one at a time in event order unless a test holds and
 * reorders them; failed attempts (non-2xx or unreachable) are retried with exponential backoff.
 */
export class WebhookDispatcher {
  readonly endpoints = new Table<WebhookEndpoint>('webhook_endpoint', 'we');
  readonly attempts: DeliveryAttempt[] = [];
  private held: Pending[] = [];
  private holding = false;
  private duplicating = false;
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly retry: WebhookRetryOptions) {}

  matchingEndpoints(event: StripeEvent): WebhookEndpoint[] {
    return this.endpoints
      .list(null)
      .filter(
        (endpoint) =>
          endpoint.status === 'enabled' &&
          endpoint.connect === (event.account !== undefined) &&
          (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(event.type)),
      )
      .reverse();
  }

  dispatch(event: StripeEvent): void {
    for (const endpoint of this.matchingEndpoints(event)) {
      this.enqueue({ event, endpoint, attempt: 1, redelivery: false });
      if (this.duplicating) this.enqueue({ event, endpoint, attempt: 1, redelivery: true });
    }
  }

  /** Sends an already delivered event again, as Stripe may. */
  redeliver(event: StripeEvent, endpointId?: string): void {
    const endpoints = this.matchingEndpoints(event).filter((endpoint) => !endpointId || endpoint.id === endpointId);
    if (endpoints.length === 0) {
      throw new Error(`No enabled webhook endpoint${endpointId ? ` ${endpointId}` : ''} listens to ${event.type} (${event.id}).`);
    }
    for (const endpoint of endpoints) this.enqueue({ event, endpoint, attempt: 1, redelivery: true });
  }

  /** From now on every event is delivered twice to each endpoint. */
  setDuplicating(on: boolean): void {
    this.duplicating = on;
  }

  /** Keeps deliveries back until `release`, so a test can reorder them. */
  hold(): void {
    this.holding = true;
  }

  heldCount(): number {
    return this.held.length;
  }

  release(order: ReleaseOrder = 'fifo'): number {
    this.holding = false;
    const batch = this.held;
    this.held = [];
    if (order === 'reverse') batch.reverse();
    if (order === 'shuffle') batch.sort(() => Math.random() - 0.5);
    for (const pending of batch) this.schedule(pending);
    return batch.length;
  }

  /** Resolves once no delivery is in flight or waiting for a retry (held deliveries don't count). */
  whenIdle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held = [];
    this.outstanding = 0;
    this.notifyIdle();
  }

  private enqueue(pending: Pending): void {
    if (this.stopped) return;
    if (this.holding) {
      this.held.push(pending);
      return;
    }
    this.schedule(pending);
  }

  private schedule(pending: Pending): void {
    this.outstanding++;
    const previous = this.chains.get(pending.endpoint.id) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(pending));
    this.chains.set(pending.endpoint.id, next);
  }

  private async attempt(pending: Pending): Promise<void> {
    if (this.stopped) return;
    const { event, endpoint } = pending;
    const payload = JSON.stringify(event, null, 2);
    const header = signatureHeader(payload, endpoint.secret ?? '');
    const result = await post(endpoint.url, payload, header, this.retry.timeoutMs);
    if (this.stopped) return;
    this.attempts.push({
      eventId: event.id,
      eventType: event.type,
      endpointId: endpoint.id,
      attempt: pending.attempt,
      status: result.status,
      ...(result.error ? { error: result.error } : {}),
      redelivery: pending.redelivery,
    });
    const succeeded = result.status !== null && result.status >= 200 && result.status < 300;
    if (!succeeded && pending.attempt < this.retry.maxAttempts) {
      const delay = this.retry.baseDelayMs * 2 ** (pending.attempt - 1);
      this.outstanding++;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.outstanding--;
        this.schedule({ ...pending, attempt: pending.attempt + 1 });
      }, delay);
      this.timers.add(timer);
    }
    this.outstanding--;
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.outstanding > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function post(url: string, payload: string, signature: string, timeoutMs: number): Promise<{ status: number | null; error?: string }> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ status: null, error: `invalid URL ${url}` });
      return;
    }
    const transport = target.protocol === 'https:' ? https : http;
    const request = transport.request(
      target,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(payload),
          'Stripe-Signature': signature,
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Cache-Control': 'no-cache',
          Accept: '*/*; q=0.5, application/xml',
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? null }));
        response.on('error', (error) => resolve({ status: null, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ status: null, error: error.message }));
    request.end(payload);
  });
}

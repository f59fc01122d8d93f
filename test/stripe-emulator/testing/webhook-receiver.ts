import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  /** The body exactly as sent: what `stripe.webhooks.constructEvent` must be given. */
  rawBody: string;
  signature: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * A local HTTP endpoint that records webhook deliveries, for tests. `respondWith` scripts the status
 * codes of the next deliveries (e.g. [500, 500] to force retries); after that it answers 200.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripted: number[] = [];
  private server: http.Server | null = null;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  url = '';

  async start(): Promise<string> {
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const status = this.scripted.shift() ?? 200;
        if (status >= 200 && status < 300) {
          this.received.push({
            rawBody: Buffer.concat(chunks).toString('utf8'),
            signature: String(request.headers['stripe-signature'] ?? ''),
            headers: request.headers,
          });
          this.notify();
        }
        response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'failing on purpose');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    return this.url;
  }

  respondWith(...statuses: number[]): void {
    this.scripted.push(...statuses);
  }

  /** Resolves once at least `count` deliveries were accepted. */
  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private notify(): void {
    const ready = this.waiters.filter((waiter) => this.received.length >= waiter.count);
    this.waiters = this.waiters.filter((waiter) => this.received.length < waiter.count);
    for (const waiter of ready) waiter.resolve();
  }
}

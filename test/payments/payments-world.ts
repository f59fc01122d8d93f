import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { PaymentsFacade } from '@partsmith/payments';
import { QueueRegistry, RequestContext, type EnvironmentSource } from '@partsmith/platform';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { StripeEmulator, type EmulatorOptions } from '../stripe-emulator/stripe-emulator';
import { given, givenOperator, type SignedIn } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';

export const ONBOARD = `mutation { startFactoryOnboarding { __typename ... on FactoryOnboardingLink { url expiresAt stripeAccountId } ... on ErrorResult { errorCode message } } }`;
export const RECONCILE = `mutation { runReconciliation { id status } }`;
export const REPORT = `query R($id: ID!) { reconciliationReport(id: $id) { id status error differences { kind subject ours processor message } } }`;

/**
 * One test file's world: a Stripe emulator, the API and the worker pointed at it (webhooks to the API's
 * real endpoints, signed with secrets the config knows), and helpers that drive money through the
 * payments facade the orders context will call.
 */
export class PaymentsWorld {
  readonly emulator: StripeEmulator;
  env!: TestEnvironment;
  api!: RunningApi;
  worker!: INestApplicationContext;
  stripe!: Stripe;
  operator!: SignedIn;
  readonly webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  readonly connectWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`;

  constructor(options: EmulatorOptions = {}) {
    this.emulator = new StripeEmulator({ settlementDelayDays: 2, ...options });
  }

  async start(overrides: EnvironmentSource = {}): Promise<this> {
    const { port } = await this.emulator.start();
    this.env = await createTestEnvironment({
      STRIPE_SECRET_KEY: 'sk_test_partsmith',
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_CONNECT_WEBHOOK_SECRET: this.connectWebhookSecret,
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(port),
      STRIPE_API_PROTOCOL: 'http',
      ...overrides,
    });
    this.api = await bootApi(this.env.config);
    this.worker = await bootWorker(this.env.config);
    this.emulator.addWebhookEndpoint({ url: `${this.api.url}/webhooks/stripe`, connect: false, secret: this.webhookSecret });
    this.emulator.addWebhookEndpoint({ url: `${this.api.url}/webhooks/stripe-connect`, connect: true, secret: this.connectWebhookSecret });
    this.stripe = this.emulator.client('sk_test_designer_browser');
    this.operator = await givenOperator(this.env.db, this.api.graphql);
    return this;
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.api?.close();
    await this.emulator.stop();
    await this.env?.teardown();
  }

  get facade(): PaymentsFacade {
    return this.api.app.get(PaymentsFacade);
  }

  ctx(): RequestContext {
    return RequestContext.system(this.api.app.get(DataSource));
  }

  designer(): Promise<SignedIn> {
    return given.designer(this.api.graphql);
  }

  /** A factory whose Stripe onboarding is complete (through the GraphQL link and the Connect webhook). */
  async onboardedFactory(): Promise<SignedIn & { stripeAccountId: string }> {
    const factory = await given.factory(this.api.graphql);
    const link = (await this.api.graphql.data(ONBOARD, {}, factory.accessToken)).startFactoryOnboarding;
    if (link.__typename !== 'FactoryOnboardingLink') throw new Error(JSON.stringify(link));
    const visit = await fetch(link.url, { redirect: 'manual' });
    if (visit.status !== 303) throw new Error(`onboarding link answered ${visit.status}`);
    await eventually(async () => ((await this.facade.canReceiveTransfers(this.ctx(), factory.organizationId)) ? true : undefined), 10_000, 'transfers capability');
    return { ...factory, stripeAccountId: link.stripeAccountId };
  }

  /** Checkout through the facade, then the designer's browser pays the intent (Stripe.js would). */
  async paidOrder(designer: SignedIn, amountMinor: number, options: { currency?: string; card?: string } = {}) {
    const orderId = randomUUID();
    const started = await this.facade.startOrderPayment(this.ctx(), { orderId, designerOrganizationId: designer.organizationId, amountMinor, currency: options.currency ?? 'EUR' });
    if (!('paymentIntentId' in started)) throw new Error(`checkout failed: ${started.message}`);
    const intent = await this.stripe.paymentIntents.confirm(started.paymentIntentId, { payment_method: options.card ?? 'pm_card_visa', expand: ['latest_charge'] });
    await this.settle();
    return { orderId, started, intent, chargeId: (intent.latest_charge as Stripe.Charge).id };
  }

  /** Waits until webhooks are delivered, the outbox is relayed and the payments queue has nothing to do (twice in a row). */
  async settle(timeoutMs = 20_000): Promise<void> {
    const queue = this.worker.get(QueueRegistry).queue('payments');
    let quietRounds = 0;
    await eventually(
      async () => {
        await this.emulator.webhooks.whenIdle();
        const [{ n }] = await this.env.db.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        const retrying = (await queue.getJobs(['delayed'])).filter((job) => job.attemptsMade > 0 || (job.opts.delay ?? 0) < 60_000);
        const busy = n + counts.waiting + counts.active + counts.prioritized + retrying.length;
        quietRounds = busy === 0 ? quietRounds + 1 : 0;
        return quietRounds >= 3 ? true : undefined;
      },
      timeoutMs,
      'payments to settle',
    );
  }

  /** Runs the reconciliation job through GraphQL and returns its differences. */
  async reconcile(): Promise<Array<{ kind: string; subject: string; ours: string | null; processor: string | null; message: string }>> {
    await this.settle();
    const { runReconciliation } = await this.api.graphql.data(RECONCILE, {}, this.operator.accessToken);
    const report = await eventually(
      async () => {
        const { reconciliationReport } = await this.api.graphql.data(REPORT, { id: runReconciliation.id }, this.operator.accessToken);
        return ['finished', 'failed'].includes(reconciliationReport.status) ? reconciliationReport : undefined;
      },
      20_000,
      'reconciliation report',
    );
    if (report.status !== 'finished') throw new Error(`reconciliation failed: ${report.error}`);
    return report.differences;
  }

  /** The ledger as a comparable value: entries by key with their postings, independent of insertion order. */
  async ledgerSnapshot(): Promise<string[]> {
    const rows: Array<{ entry_key: string; account: string; currency: string; amount_minor: string }> = await this.env.db.query(
      `SELECT e.entry_key, p.account, p.currency, p.amount_minor FROM ledger_entries e JOIN ledger_postings p ON p.entry_id = e.id`,
    );
    return rows.map((row) => `${row.entry_key} ${row.account} ${row.amount_minor} ${row.currency}`).sort();
  }

  async balance(account: string, currency = 'EUR'): Promise<number> {
    const [row] = await this.env.db.query(`SELECT coalesce(sum(amount_minor), 0)::bigint AS n FROM ledger_postings WHERE account = $1 AND currency = $2`, [account, currency]);
    return Number(row.n);
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, JobHandler, OutboxService, type AppConfig, type DomainEventJobPayload, type JobRun, type RequestContext } from '@partsmith/platform';
import { WebhookDelivery, WebhookSubscription } from '../entities';
import { DeliverWebhookJob } from '../jobs/notification-jobs';
import { dedupeKey } from '../notification-rules';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';
import { resolvedTargetProblem } from './webhook-target';

/** What a subscriber receives: the event's identity and new status, nothing the organisation could not already see. */
export interface WebhookPayload {
  /** The delivery id: the same on every retry, so receivers can drop duplicates. */
  id: string;
  type: string;
  createdAt: string;
  data: { id: string; status: string | null };
}

interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** false when retrying cannot help (refused target). */
  retryable: boolean;
}

/**
 * Outgoing webhooks: one delivery per event and subscription (unique per event identity), each attempt a
 * job; failed attempts are retried with exponential backoff by scheduling the next attempt through the
 * outbox, in the transaction that logs the failure. WEBHOOK_DISABLE_AFTER_FAILURES failures in a row switch
 * the subscription off.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  /** Worker side, in the fan-out's transaction: a delivery (and its first attempt) per matching subscription. */
  async enqueue(ctx: RequestContext, event: DomainEventJobPayload): Promise<number> {
    const subscriptions: Array<{ id: string }> = await ctx.db.query(
      `SELECT id FROM webhook_subscriptions
        WHERE organization_id = $1 AND deleted_at IS NULL AND disabled_at IS NULL AND $2 = ANY(event_types)`,
      [event.organizationId, event.type],
    );
    let created = 0;
    for (const subscription of subscriptions) {
      const id = randomUUID();
      const payload: WebhookPayload = { id, type: event.type, createdAt: event.at, data: { id: event.id, status: event.status } };
      const rows: unknown[] = await ctx.db.query(
        `INSERT INTO webhook_deliveries (id, subscription_id, organization_id, event_key, event_type, payload, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT ON CONSTRAINT webhook_deliveries_subscription_event_key DO NOTHING RETURNING id`,
        [id, subscription.id, event.organizationId, dedupeKey(event), event.type, JSON.stringify(payload)],
      );
      if (rows.length === 0) continue;
      created++;
      await this.outbox.add(ctx, DeliverWebhookJob, { deliveryId: id, attempt: 1 });
    }
    return created;
  }

  @JobHandler(DeliverWebhookJob)
  async deliver(job: { deliveryId: string; attempt: number }, { ctx }: JobRun): Promise<void> {
    const delivery = await ctx.db.findOneBy(WebhookDelivery, { id: job.deliveryId });
    if (!delivery || delivery.status !== 'pending' || job.attempt <= delivery.attempts) return; // done, or this attempt is logged
    const subscription = await ctx.db.findOneByOrFail(WebhookSubscription, { id: delivery.subscriptionId });
    if (subscription.deletedAt || subscription.disabledAt) {
      await ctx.db.query(`UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`, [delivery.id]);
      return;
    }
    const outcome = await this.attempt(subscription, delivery);
    await ctx.transaction(() => this.record(ctx, subscription, delivery, job.attempt, outcome));
  }

  private async attempt(subscription: WebhookSubscription, delivery: WebhookDelivery): Promise<AttemptOutcome> {
    const started = Date.now();
    const refused = await resolvedTargetProblem(subscription.url, this.config.webhooks).catch((error: Error) => `could not resolve the host: ${error.message}`);
    if (refused) return { statusCode: null, error: `refused: ${refused}`, durationMs: Date.now() - started, retryable: refused.startsWith('could not resolve') };
    const body = JSON.stringify(delivery.payload);
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Partsmith-Webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(subscription.secret, body, Math.floor(Date.now() / 1000)),
          'X-Partsmith-Event': delivery.eventType,
          'X-Partsmith-Delivery': delivery.id,
        },
        body,
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { statusCode: response.status, error: ok ? null : `the endpoint answered HTTP ${response.status}`, durationMs: Date.now() - started, retryable: true };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message;
      return { statusCode: null, error: `${(error as Error).message}${cause ? `: ${cause}` : ''}`.slice(0, 1000), durationMs: Date.now() - started, retryable: true };
    }
  }

  private async record(ctx: RequestContext, subscription: WebhookSubscription, delivery: WebhookDelivery, attempt: number, outcome: AttemptOutcome): Promise<void> {
    const logged: unknown[] = await ctx.db.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT webhook_delivery_attempts_pkey DO NOTHING RETURNING attempt`,
      [delivery.id, attempt, outcome.statusCode, outcome.error, outcome.durationMs],
    );
    if (logged.length === 0) return; // a concurrent run logged this attempt
    if (outcome.error === null) {
      await ctx.db.query(
        `UPDATE webhook_deliveries SET status = 'succeeded', attempts = $2, last_status_code = $3, last_error = NULL, delivered_at = now(), next_attempt_at = NULL WHERE id = $1`,
        [delivery.id, attempt, outcome.statusCode],
      );
      await ctx.db.query(`UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = $1`, [subscription.id]);
      return;
    }
    const { webhooks } = this.config;
    // TypeORM answers UPDATE … RETURNING with [rows, affected count].
    const [[counted]]: [Array<{ consecutive_failures: number }>, number] = await ctx.db.query(
      `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures`,
      [subscription.id],
    );
    const disable = counted.consecutive_failures >= webhooks.disableAfterFailures;
    if (disable) {
      await ctx.db.query(
        `UPDATE webhook_subscriptions SET disabled_at = now(), disabled_reason = $2 WHERE id = $1 AND disabled_at IS NULL`,
        [subscription.id, `${counted.consecutive_failures} failed attempts in a row; last: ${outcome.error}`.slice(0, 1000)],
      );
      this.logger.warn(`webhook subscription ${subscription.id} disabled after ${counted.consecutive_failures} failures`);
    }
    const retry = outcome.retryable && !disable && attempt < webhooks.maxAttempts;
    const delayMs = webhooks.retryBaseMs * 2 ** (attempt - 1);
    await ctx.db.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
              next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $6::double precision / 1000) END
        WHERE id = $1`,
      [delivery.id, retry ? 'pending' : 'failed', attempt, outcome.statusCode, outcome.error, delayMs],
    );
    if (retry) await this.outbox.add(ctx, DeliverWebhookJob, { deliveryId: delivery.id, attempt: attempt + 1 }, { delayMs });
  }
}

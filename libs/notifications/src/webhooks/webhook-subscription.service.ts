import { Inject, Injectable } from '@nestjs/common';
import { AccessService, InputValidationError } from '@partsmith/identity';
import { APP_CONFIG, AuditTrail, ForbiddenError, keysetPage, NotFoundError, type AppConfig, type ConnectionArgs, type ConnectionShape, type Principal, type RequestContext } from '@partsmith/platform';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from '../entities';
import { WEBHOOK_EVENT_TYPES } from '../notification-rules';
import { WebhookSubscriptionCreated, type CreateWebhookSubscriptionOutcome } from '../notifications.results';
import { generateWebhookSecret } from './webhook-signature';
import { targetProblem } from './webhook-target';

const MAX_SUBSCRIPTIONS_PER_ORGANIZATION = 20;

/** A designer organisation's webhook subscriptions and their delivery log: its designers manage and read them. */
@Injectable()
export class WebhookSubscriptionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  async create(ctx: RequestContext, input: { url: string; eventTypes: string[] }): Promise<CreateWebhookSubscriptionOutcome> {
    const principal = this.requireDesigner(ctx);
    const url = input.url.trim();
    const problem = targetProblem(url, this.config.webhooks);
    if (problem) return new InputValidationError('url', problem);
    const eventTypes = [...new Set(input.eventTypes.map((type) => type.trim()))];
    if (eventTypes.length === 0) return new InputValidationError('eventTypes', `Name at least one event type: ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    const unknown = eventTypes.filter((type) => !WEBHOOK_EVENT_TYPES.includes(type));
    if (unknown.length > 0) return new InputValidationError('eventTypes', `Unknown event type ${unknown.map((t) => `"${t}"`).join(', ')}; choose from ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    const [{ count }]: Array<{ count: number }> = await ctx.db.query(
      `SELECT count(*)::int AS count FROM webhook_subscriptions WHERE organization_id = $1 AND deleted_at IS NULL`,
      [principal.organizationId],
    );
    if (count >= MAX_SUBSCRIPTIONS_PER_ORGANIZATION) return new InputValidationError('url', `An organisation can have at most ${MAX_SUBSCRIPTIONS_PER_ORGANIZATION} webhook subscriptions; delete one first`);
    const secret = generateWebhookSecret();
    const subscription = await ctx.db.save(
      ctx.db.create(WebhookSubscription, { organizationId: principal.organizationId, url, eventTypes, secret, createdBy: principal.userId }),
    );
    await this.audit.record(ctx, {
      action: 'webhook_subscription.created',
      subjectType: 'webhook_subscription',
      subjectId: subscription.id,
      subjectOrganizationId: principal.organizationId,
      details: { url, eventTypes },
    });
    const created = new WebhookSubscriptionCreated();
    created.subscription = await ctx.db.findOneByOrFail(WebhookSubscription, { id: subscription.id });
    created.secret = secret;
    return created;
  }

  async list(ctx: RequestContext): Promise<WebhookSubscription[]> {
    const principal = this.requireDesigner(ctx);
    return ctx.db
      .createQueryBuilder(WebhookSubscription, 's')
      .where('s.organization_id = :organizationId AND s.deleted_at IS NULL', { organizationId: principal.organizationId })
      .orderBy('s.created_at', 'ASC')
      .getMany();
  }

  /** Stops deliveries (pending ones are cancelled) and hides the subscription; the log goes with it. */
  async delete(ctx: RequestContext, id: string): Promise<WebhookSubscription> {
    const subscription = await this.own(ctx, id);
    await ctx.db.query(`UPDATE webhook_subscriptions SET deleted_at = now() WHERE id = $1`, [id]);
    await ctx.db.query(`UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL WHERE subscription_id = $1 AND status = 'pending'`, [id]);
    await this.audit.record(ctx, { action: 'webhook_subscription.deleted', subjectType: 'webhook_subscription', subjectId: id, subjectOrganizationId: subscription.organizationId });
    return subscription;
  }

  /** Resumes a subscription that was switched off after failures (new events only). */
  async enable(ctx: RequestContext, id: string): Promise<WebhookSubscription> {
    await this.own(ctx, id);
    await ctx.db.query(`UPDATE webhook_subscriptions SET disabled_at = NULL, disabled_reason = NULL, consecutive_failures = 0 WHERE id = $1`, [id]);
    return ctx.db.findOneByOrFail(WebhookSubscription, { id });
  }

  /** Newest first. */
  async deliveries(ctx: RequestContext, subscriptionId: string, args: ConnectionArgs): Promise<ConnectionShape<WebhookDelivery>> {
    await this.own(ctx, subscriptionId);
    const query = ctx.db.createQueryBuilder(WebhookDelivery, 'd').where('d.subscription_id = :subscriptionId', { subscriptionId });
    return keysetPage(query, 'd', args, this.config.graphql.maxPageSize, { descending: true });
  }

  /** The delivery's attempts, oldest first (its subscription was checked when the delivery was loaded). */
  async attempts(ctx: RequestContext, delivery: WebhookDelivery): Promise<WebhookDeliveryAttempt[]> {
    this.access.requireMemberOf(ctx, delivery.organizationId, 'designer');
    return ctx.db.find(WebhookDeliveryAttempt, { where: { deliveryId: delivery.id }, order: { attempt: 'ASC' } });
  }

  private requireDesigner(ctx: RequestContext): Principal {
    const principal = ctx.requirePrincipal();
    if (principal.organizationKind !== 'designer') throw new ForbiddenError('Webhook subscriptions are for designer organisations');
    return this.access.requireMemberOf(ctx, principal.organizationId, 'designer');
  }

  private async own(ctx: RequestContext, id: string): Promise<WebhookSubscription> {
    const principal = this.requireDesigner(ctx);
    const subscription = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.findOneBy(WebhookSubscription, { id }) : null;
    if (!subscription || subscription.deletedAt || subscription.organizationId !== principal.organizationId) throw new NotFoundError('WebhookSubscription', id);
    return subscription;
  }
}

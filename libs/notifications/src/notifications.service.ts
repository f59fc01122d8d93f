import { Inject, Injectable, Logger } from '@nestjs/common';
import { OrganizationService } from '@partsmith/identity';
import { APP_CONFIG, keysetPage, OutboxService, type AppConfig, type ConnectionShape, type RequestContext } from '@partsmith/platform';
import { Notification } from './entities';
import { SendNotificationEmailJob } from './jobs/notification-jobs';
import { audienceFor, dedupeKey, emailsFor, NOTIFICATION_CATEGORIES, notificationRule, type NotificationCategory, type NotificationEvent } from './notification-rules';

export interface NotificationsArgs {
  first?: number;
  after?: string;
  unreadOnly?: boolean;
}

export interface NotificationPreferenceView {
  category: NotificationCategory;
  emailEnabled: boolean;
}

/** In-app notifications (the caller's own, in the organisation they act for) and e-mail preferences. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  private readonly unknownTypes = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organizations: OrganizationService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Worker side: one notification per recipient of the event (idempotent on user + event), and one
   * e-mail job per new notification whose rule e-mails. Runs in the caller's transaction.
   */
  async notify(ctx: RequestContext, event: NotificationEvent & { organizationId: string }): Promise<number> {
    const rule = notificationRule(event.type);
    if (!rule) {
      if (!this.unknownTypes.has(event.type)) this.logger.log(`no notification rule for "${event.type}": nobody is notified`);
      this.unknownTypes.add(event.type);
      return 0;
    }
    const audience = audienceFor(event);
    const recipients = [
      ...(await this.organizations.activeMembers(ctx, event.organizationId, audience.roles)),
      ...(audience.operators ? await this.organizations.activeMembers(ctx, null, ['operator']) : []),
    ];
    if (recipients.length === 0) return 0;
    const message = rule.message(event);
    const key = dedupeKey(event);
    let created = 0;
    const seen = new Set<string>();
    for (const recipient of recipients) {
      if (seen.has(recipient.userId)) continue;
      seen.add(recipient.userId);
      const rows: Array<{ id: string }> = await ctx.db.query(
        `INSERT INTO notifications (user_id, organization_id, type, category, subject_id, subject_status, title, body, path, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ON CONSTRAINT notifications_user_dedupe_key DO NOTHING RETURNING id`,
        [recipient.userId, recipient.organizationId, event.type, rule.category, event.id, event.status, message.title, message.body, message.path, key],
      );
      if (rows.length === 0) continue;
      created++;
      if (emailsFor(rule, event)) await this.outbox.add(ctx, SendNotificationEmailJob, { notificationId: rows[0].id, to: recipient.email });
    }
    return created;
  }

  /** Newest first. */
  async list(ctx: RequestContext, args: NotificationsArgs): Promise<ConnectionShape<Notification>> {
    const principal = ctx.requirePrincipal();
    const query = ctx.db
      .createQueryBuilder(Notification, 'n')
      .where('n.user_id = :userId AND n.organization_id = :organizationId', { userId: principal.userId, organizationId: principal.organizationId });
    if (args.unreadOnly) query.andWhere('n.read_at IS NULL');
    return keysetPage(query, 'n', args, this.config.graphql.maxPageSize, { descending: true });
  }

  async unreadCount(ctx: RequestContext): Promise<number> {
    const principal = ctx.requirePrincipal();
    const [row]: Array<{ count: number }> = await ctx.db.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND organization_id = $2 AND read_at IS NULL`,
      [principal.userId, principal.organizationId],
    );
    return row.count;
  }

  /** Marks the caller's own notifications read (others' ids are ignored); returns how many changed. */
  async markRead(ctx: RequestContext, ids: string[] | null): Promise<number> {
    const principal = ctx.requirePrincipal();
    const valid = ids?.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid && valid.length === 0) return 0;
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, changed]: [unknown[], number] = await ctx.db.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND organization_id = $2 AND read_at IS NULL AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))`,
      [principal.userId, principal.organizationId, valid ?? null],
    );
    return changed;
  }

  /** Every category, e-mail on unless the user switched it off. */
  async preferences(ctx: RequestContext): Promise<NotificationPreferenceView[]> {
    return this.preferencesOf(ctx, ctx.requirePrincipal().userId);
  }

  async setPreference(ctx: RequestContext, category: NotificationCategory, emailEnabled: boolean): Promise<NotificationPreferenceView[]> {
    const principal = ctx.requirePrincipal();
    await ctx.db.query(
      `INSERT INTO notification_preferences (user_id, category, email_enabled) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT notification_preferences_pkey DO UPDATE SET email_enabled = EXCLUDED.email_enabled, updated_at = now()`,
      [principal.userId, category, emailEnabled],
    );
    return this.preferencesOf(ctx, principal.userId);
  }

  async emailEnabled(ctx: RequestContext, userId: string, category: string): Promise<boolean> {
    const rows: Array<{ email_enabled: boolean }> = await ctx.db.query(`SELECT email_enabled FROM notification_preferences WHERE user_id = $1 AND category = $2`, [userId, category]);
    return rows[0]?.email_enabled ?? true;
  }

  private async preferencesOf(ctx: RequestContext, userId: string): Promise<NotificationPreferenceView[]> {
    const rows: Array<{ category: string; email_enabled: boolean }> = await ctx.db.query(`SELECT category, email_enabled FROM notification_preferences WHERE user_id = $1`, [userId]);
    const stored = new Map(rows.map((row) => [row.category, row.email_enabled]));
    return NOTIFICATION_CATEGORIES.map((category) => ({ category, emailEnabled: stored.get(category) ?? true }));
  }
}

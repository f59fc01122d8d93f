import { Inject, Injectable } from '@nestjs/common';
import { MailerService } from '@partsmith/identity';
import { APP_CONFIG, JobHandler, type AppConfig, type DomainEventJobPayload, type JobRun } from '@partsmith/platform';
import { Notification } from '../entities';
import { NotificationsService } from '../notifications.service';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { NotificationsFanoutJob, SendNotificationEmailJob } from './notification-jobs';

@Injectable()
export class NotificationHandlers {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhookDeliveryService,
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Notifications and webhook deliveries for one event, in one transaction; both are idempotent per event. */
  @JobHandler(NotificationsFanoutJob)
  async fanout(event: DomainEventJobPayload, { ctx }: JobRun): Promise<void> {
    await ctx.transaction(async () => {
      await this.notifications.notify(ctx, event);
      await this.webhooks.enqueue(ctx, event);
    });
  }

  /** One e-mail per notification (idempotency key = notification id), unless the user switched its category off. */
  @JobHandler(SendNotificationEmailJob)
  async email(payload: { notificationId: string; to: string }, { ctx }: JobRun): Promise<void> {
    const notification = await ctx.db.findOneBy(Notification, { id: payload.notificationId });
    if (!notification) return; // the user was deleted since
    if (!(await this.notifications.emailEnabled(ctx, notification.userId, notification.category))) return;
    const base = this.config.http.publicUrl ?? `http://${this.config.http.host}:${this.config.http.port}`;
    await this.mailer.send(ctx, {
      idempotencyKey: `notification:${notification.id}`,
      to: payload.to,
      subject: notification.title,
      body:
        `${notification.body}\n\n` +
        (notification.path ? `${base}${notification.path}\n\n` : '') +
        `You get this e-mail for "${notification.category}" notifications; switch them off under notification preferences.\n`,
    });
  }
}

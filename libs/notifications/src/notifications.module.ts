import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@partsmith/identity';
import { NOTIFICATIONS_ENTITIES } from './entities';
import { NotificationHandlers } from './jobs/notification-handlers';
import { NotificationsResolver, WebhookDeliveryResolver, WebhookSubscriptionsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhookSubscriptionService } from './webhooks/webhook-subscription.service';

@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES), IdentityModule],
  providers: [
    NotificationsService,
    WebhookDeliveryService,
    WebhookSubscriptionService,
    NotificationHandlers,
    NotificationsResolver,
    WebhookSubscriptionsResolver,
    WebhookDeliveryResolver,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}

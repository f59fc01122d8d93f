import { Notification } from './notification.entity';
import { WebhookDelivery, WebhookDeliveryAttempt } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

export * from './notification.entity';
export * from './webhook-delivery.entity';
export * from './webhook-subscription.entity';

export const NOTIFICATIONS_ENTITIES = [Notification, WebhookSubscription, WebhookDelivery, WebhookDeliveryAttempt];

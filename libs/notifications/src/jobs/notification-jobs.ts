import { defineJob, subscribeToDomainEvents, type DomainEventJobPayload } from '@partsmith/platform';

/** Runs once per committed domain event (the platform's DomainEventRelay writes it to the outbox). */
export const NotificationsFanoutJob = defineJob<DomainEventJobPayload>({ queue: 'notifications', name: 'notifications.fanout', attempts: 10, backoffMs: 1_000 });
subscribeToDomainEvents(NotificationsFanoutJob);

export const SendNotificationEmailJob = defineJob<{ notificationId: string; to: string }>({
  queue: 'notifications',
  name: 'notifications.email.send',
  attempts: 10,
  backoffMs: 5_000,
});

/** Retries are scheduled by the handler itself (WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_BASE_MS), so the job never retries in BullMQ. */
export const DeliverWebhookJob = defineJob<{ deliveryId: string; attempt: number }>({
  queue: 'notifications',
  name: 'notifications.webhook.deliver',
  attempts: 3,
  backoffMs: 5_000,
});

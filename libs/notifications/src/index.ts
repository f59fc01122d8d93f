export * from './entities';
export * from './jobs/notification-jobs';
export * from './notification-rules';
export * from './notifications.module';
export * from './notifications.results';
export * from './notifications.service';
export * from './webhooks/webhook-signature';
export * from './webhooks/webhook-target';

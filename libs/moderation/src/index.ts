export * from './audit-entry.entity';
export * from './audit-log.service';
export * from './moderation.module';
export * from './platform-metrics.service';

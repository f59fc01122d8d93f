export * from './rate-limiter.service';
export * from './redis.module';
export * from './redis.service';

export * from './graphql-metrics.plugin';
export * from './health.controller';
export * from './http-observability.middleware';
export * from './metrics.service';
export * from './operations.module';

export * from './entities';
export * from './production-tracking.service';
export * from './production.module';
export * from './production.results';
export * from './reviews';

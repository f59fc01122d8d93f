export * from './local-postgres';
export * from './local-redis';
export * from './processes';

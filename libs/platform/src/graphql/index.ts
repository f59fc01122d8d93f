export * from './connection';
export * from './error-result';
export * from './format-error';
export * from './graphql-context';
export * from './mutation-transaction.interceptor';
export * from './query-limits';
export * from './keyset-page';

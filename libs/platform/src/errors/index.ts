export * from './domain-error';
export * from './state-machine';
export * from './http-error.filter';

export * from './domain-error';
export * from './state-machine';

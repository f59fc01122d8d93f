export * from './loader-registry';
export * from './request-context';

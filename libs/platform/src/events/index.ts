export * from './domain-events';
export * from './event-stream-client';

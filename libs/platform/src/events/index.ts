export * from './domain-events';
export * from './event-stream-client';
export * from './domain-event-relay';

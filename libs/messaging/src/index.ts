export * from './contact-masking';
export * from './entities';
export * from './messaging.module';
export * from './messaging.results';
export * from './messaging.service';
export * from './thread-alias';

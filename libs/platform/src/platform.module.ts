import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditModule } from './audit';
import { APP_CONFIG, type AppConfig } from './config';
import { DatabaseModule } from './database';
import { DomainEventRelay, DomainEvents } from './events';
import { LOGGER } from './logging';
import { MAIL_TRANSPORT, MailTransportProvider } from './mail';
import { QueueModule } from './queue';
import { RedisModule } from './redis';
import { StorageModule } from './storage';

/** Config, logger, database, Redis and the queue/outbox: what every process (api, worker, cli) needs. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DatabaseModule, RedisModule, QueueModule, StorageModule, AuditModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        DomainEvents,
        DomainEventRelay,
        MailTransportProvider,
      ],
      exports: [APP_CONFIG, LOGGER, DomainEvents, DomainEventRelay, MAIL_TRANSPORT, DatabaseModule, RedisModule, QueueModule, StorageModule, AuditModule],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobDispatcher } from './job-dispatcher.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxEntry } from './outbox.entity';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue-registry.service';
import { RepeatableJobScheduler } from './repeatable-jobs';

@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([OutboxEntry])],
  providers: [OutboxService, QueueRegistry, OutboxRelay, JobDispatcher, RepeatableJobScheduler],
  exports: [OutboxService, QueueRegistry, OutboxRelay, JobDispatcher, RepeatableJobScheduler],
})
export class QueueModule {}

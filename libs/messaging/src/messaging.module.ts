import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@partsmith/identity';
import { OrdersModule } from '@partsmith/orders';
import { SourcingModule } from '@partsmith/sourcing';
import { MESSAGING_ENTITIES } from './entities';
import { MessagingAccess } from './messaging-access.service';
import { MessagingResolver } from './messaging.resolver';
import { MessagingService } from './messaging.service';

/** Messaging: job-line threads with the awarded factory and anonymous pre-award Q&A per sourcing job. */
@Module({
  imports: [TypeOrmModule.forFeature(MESSAGING_ENTITIES), IdentityModule, OrdersModule, SourcingModule],
  providers: [MessagingAccess, MessagingService, MessagingResolver],
  exports: [MessagingService],
})
export class MessagingModule {}

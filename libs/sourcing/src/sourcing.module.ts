import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FactoriesModule } from '@partsmith/factories';
import { IdentityModule } from '@partsmith/identity';
import { OrdersModule } from '@partsmith/orders';
import { PaymentsModule } from '@partsmith/payments';
import { ProductionSchedulingModule } from '@partsmith/production-scheduling';
import { RequestContextFactory } from '@partsmith/platform';
import { AwardService } from './award.service';
import { EligibleFactories } from './eligible-factories.service';
import { SOURCING_ENTITIES } from './entities';
import { SourcingJobHandlers } from './jobs/sourcing.handlers';
import { JobBoard } from './job-board.service';
import { OfferCascade } from './offer-cascade.service';
import { PartDisclosure } from './part-disclosure.service';
import { SourcingAccess } from './sourcing-access.service';
import { SourcingController } from './sourcing.controller';
import { SourcingJobs } from './sourcing-jobs.service';
import { SourcingReads } from './sourcing-reads.service';
import { SourcingResolver } from './sourcing.resolver';

@Module({
  imports: [TypeOrmModule.forFeature(SOURCING_ENTITIES), IdentityModule, FactoriesModule, PaymentsModule, OrdersModule, ProductionSchedulingModule],
  controllers: [SourcingController],
  providers: [
    SourcingAccess,
    SourcingJobs,
    EligibleFactories,
    AwardService,
    OfferCascade,
    JobBoard,
    PartDisclosure,
    SourcingReads,
    SourcingJobHandlers,
    SourcingResolver,
    RequestContextFactory,
  ],
  exports: [OfferCascade, AwardService, SourcingJobHandlers, SourcingAccess],
})
export class SourcingModule {}

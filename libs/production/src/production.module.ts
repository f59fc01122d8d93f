import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FactoriesModule } from '@partsmith/factories';
import { IdentityModule } from '@partsmith/identity';
import { OrdersModule } from '@partsmith/orders';
import { PaymentsModule } from '@partsmith/payments';
import { RequestContextFactory } from '@partsmith/platform';
import { ProductionSchedulingModule } from '@partsmith/production-scheduling';
import { SourcingModule } from '@partsmith/sourcing';
import { AcceptanceService } from './acceptance.service';
import { DisputeService } from './dispute.service';
import { PRODUCTION_ENTITIES } from './entities';
import { JobLineAccess } from './job-line-access.service';
import { JobLineCancellationService } from './job-line-cancellation.service';
import { ProductionJobsHandler } from './jobs/production-jobs.handler';
import { ProductionEvidenceController } from './production-evidence.controller';
import { ProductionEvidenceService } from './production-evidence.service';
import { JobLineDisputeResolver, JobLineMilestoneResolver, ProductionTrackingResolver } from './production-tracking.resolver';
import { ProductionTrackingService } from './production-tracking.service';
import { JobLineReview, ReviewService } from './reviews';
import { ReviewResolver } from './reviews/review.resolver';

/** Production tracking and acceptance: milestones, evidence, shipment, delivery, acceptance, disputes and operator cancellations of awarded job lines. */
@Module({
  imports: [TypeOrmModule.forFeature([...PRODUCTION_ENTITIES, JobLineReview]), IdentityModule, FactoriesModule, OrdersModule, PaymentsModule, SourcingModule, ProductionSchedulingModule],
  controllers: [ProductionEvidenceController],
  providers: [
    RequestContextFactory,
    JobLineAccess,
    ProductionEvidenceService,
    ProductionTrackingService,
    AcceptanceService,
    DisputeService,
    JobLineCancellationService,
    ProductionJobsHandler,
    ProductionTrackingResolver,
    JobLineMilestoneResolver,
    JobLineDisputeResolver,
    ReviewService,
    ReviewResolver,
  ],
  exports: [ProductionTrackingService, AcceptanceService],
})
export class ProductionModule {}

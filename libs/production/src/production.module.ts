import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FactoriesModule } from '@partsmith/factories';
import { IdentityModule } from '@partsmith/identity';
import { OrdersModule } from '@partsmith/orders';
import { PaymentsModule } from '@partsmith/payments';
import { SourcingModule } from '@partsmith/sourcing';
import { PRODUCTION_ENTITIES } from './entities';
import { ProductionTrackingResolver } from './production-tracking.resolver';
import { ProductionTrackingService } from './production-tracking.service';
import { JobLineReview, ReviewService } from './reviews';
import { ReviewResolver } from './reviews/review.resolver';

/** Production tracking and acceptance: milestones, shipment, delivery, acceptance and disputes of awarded job lines. */
@Module({
  imports: [TypeOrmModule.forFeature([...PRODUCTION_ENTITIES, JobLineReview]), IdentityModule, FactoriesModule, OrdersModule, PaymentsModule, SourcingModule],
  providers: [ProductionTrackingService, ProductionTrackingResolver, ReviewService, ReviewResolver],
  exports: [ProductionTrackingService],
})
export class ProductionModule {}

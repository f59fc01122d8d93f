import { Module } from '@nestjs/common';
import { FactoriesModule } from '@partsmith/factories';
import { IdentityModule } from '@partsmith/identity';
import { OrdersModule } from '@partsmith/orders';
import { ReplanHandlers } from './jobs/replan-factory.job';
import { ProductionScheduling } from './production-scheduling.service';
import { SchedulePlanner } from './schedule-planner.service';
import { SchedulingWorkers } from './scheduling-workers';
import { ScheduleResolver } from './schedule.resolver';
import { ScheduleViews } from './schedule-views.service';

/** Production scheduling: routings, the scheduling worker, promised dates, capacity queries, Gantt views. */
@Module({
  imports: [IdentityModule, FactoriesModule, OrdersModule],
  providers: [ProductionScheduling, SchedulePlanner, SchedulingWorkers, ScheduleViews, ReplanHandlers, ScheduleResolver],
  exports: [ProductionScheduling],
})
export class ProductionSchedulingModule {}

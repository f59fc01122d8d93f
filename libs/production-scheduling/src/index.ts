export * from './dto/schedule.types';
export * from './jobs/replan-factory.job';
export * from './production-scheduling.module';
export * from './production-scheduling.results';
export * from './production-scheduling.service';
export * from './routing';
export * from './schedule-planner.service';
export * from './capacity-estimator.service';

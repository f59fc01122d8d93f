import { Global, Injectable, Module } from '@nestjs/common';
import { EligibilityService, FactoriesModule } from '@partsmith/factories';
import { businessDaysBetween, CAPACITY_ESTIMATOR, type CapacityAnswer, type CapacityEstimator, type CapacityQuestion, type RequestContext } from '@partsmith/platform';
import { ProductionSchedulingModule } from './production-scheduling.module';
import { ProductionScheduling } from './production-scheduling.service';
import { MACHINE_CLASS_OF_PROCESS } from './routing';

/** How many of the best-scored eligible factories are asked; the earliest of them counts. */
const FACTORIES_ASKED = 3;

/**
 * Capacity for quotes: the best eligible factories' real plans, asked "when could you start this if it
 * were added?" through the cached insertion plans (fast). Nobody eligible → null (table lead times).
 */
@Injectable()
export class NetworkCapacityEstimator implements CapacityEstimator {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly scheduling: ProductionScheduling,
  ) {}

  async estimate(ctx: RequestContext, question: CapacityQuestion): Promise<CapacityAnswer | null> {
    if (!MACHINE_CLASS_OF_PROCESS[question.process]) return null;
    const eligible = (await this.eligibility.eligible(ctx, { process: question.process, material: question.material })).slice(0, FACTORIES_ASKED);
    if (eligible.length === 0) return null;
    const now = new Date();
    let earliest: Date | null = null;
    for (const factory of eligible) {
      const estimate = await this.scheduling.earliestCompletion(ctx, factory.factoryId, question, now).catch(() => null);
      const start = estimate?.operations[0]?.start;
      if (start && (!earliest || start < earliest)) earliest = start;
    }
    if (!earliest) return null;
    return { earliestStartDays: businessDaysBetween(now, earliest), factoriesAsked: eligible.length };
  }
}

/** Global, so quoting can ask without importing production scheduling (which depends on orders → quoting). */
@Global()
@Module({
  imports: [FactoriesModule, ProductionSchedulingModule],
  providers: [NetworkCapacityEstimator, { provide: CAPACITY_ESTIMATOR, useExisting: NetworkCapacityEstimator }],
  exports: [CAPACITY_ESTIMATOR],
})
export class CapacityEstimatorModule {}

import { Injectable } from '@nestjs/common';
import { ProductionScheduling } from '@partsmith/production-scheduling';
import type { RequestContext } from '@partsmith/platform';

/** What capacity questions need to know of a job: its process, the machine hours one unit takes, and when it is due. */
export interface CapacityJob {
  process: string;
  quantity: number;
  machineHoursPerUnit: number;
  dueDate: Date;
}

/** Machine time per part when the quote does not say (production scheduling's default). */
export const DEFAULT_MACHINE_HOURS_PER_UNIT = 0.25;

/** Upper end of the "hours a factory can still absorb" search of batch assignment (a quarter's worth of one machine). */
const MAX_ABSORBABLE_HOURS = 2_000;

/**
 * Sourcing's questions to production scheduling, answered from each factory's real plan through
 * `ProductionScheduling.earliestCompletion` ("earliest completion if this job were added", an insertion
 * into the cached plan, well under a millisecond): when would this factory ship the job, how many units
 * could it ship by the due date, how many machine hours could it still take on by a date. A factory the
 * scheduler cannot answer for (a process it has no routing for) is taken at its word: it promises the due
 * date, and its capacity is the whole job.
 */
@Injectable()
export class FactoryCapacity {
  constructor(private readonly scheduling: ProductionScheduling) {}

  /** The ship date the factory's plan allows for the job (the due date when the scheduler has no answer). */
  async promisedDate(ctx: RequestContext, factoryId: string, job: CapacityJob, now = new Date()): Promise<Date> {
    return (await this.ship(ctx, factoryId, job.process, job.quantity, job.quantity * job.machineHoursPerUnit, job.dueDate, now)) ?? job.dueDate;
  }

  /** The most units of the job (up to its quantity) the factory can ship by the due date. */
  async unitsByDue(ctx: RequestContext, factoryId: string, job: CapacityJob, now = new Date()): Promise<number> {
    const fits = async (units: number) => {
      const date = await this.ship(ctx, factoryId, job.process, units, units * job.machineHoursPerUnit, job.dueDate, now);
      return date === null || date.getTime() <= job.dueDate.getTime();
    };
    return largestFitting(job.quantity, fits);
  }

  /** Machine hours of this process the factory can still take on and ship by `by` (whole hours, binary search over its plan). */
  async hoursBy(ctx: RequestContext, factoryId: string, process: string, by: Date, now = new Date()): Promise<number> {
    const fits = async (hours: number) => {
      const date = await this.ship(ctx, factoryId, process, 1, hours, by, now);
      return date === null || date.getTime() <= by.getTime();
    };
    return largestFitting(MAX_ABSORBABLE_HOURS, fits);
  }

  private async ship(ctx: RequestContext, factoryId: string, process: string, quantity: number, machineHours: number, due: Date, now: Date): Promise<Date | null> {
    try {
      const estimate = await this.scheduling.earliestCompletion(ctx, factoryId, { process, quantity: Math.max(1, quantity), machineHours, due }, now);
      return estimate.promisedShipDate;
    } catch {
      return null; // no routing for the process or no plan: the factory's word (the due date) stands
    }
  }
}

/** The largest n in [0, max] with fits(n), for a monotone fits (true up to some n, false beyond). */
async function largestFitting(max: number, fits: (n: number) => Promise<boolean>): Promise<number> {
  if (max <= 0) return 0;
  if (await fits(max)) return max;
  let low = 0;
  let high = max; // fits(low) (trivially for 0), !fits(high)
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

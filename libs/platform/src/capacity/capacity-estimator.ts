import type { RequestContext } from '../context';

export interface CapacityQuestion {
  process: string;
  material: string;
  quantity: number;
  /** Machine hours of the whole job (from the pricing model). */
  machineHours: number;
  due?: Date | null;
}

export interface CapacityAnswer {
  /** Business days from now until the earliest of the best eligible factories could start the job. */
  earliestStartDays: number;
  /** How many factories were asked (0: nobody eligible — the caller keeps its table lead times). */
  factoriesAsked: number;
}

/**
 * "How soon could the network start this job?" — implemented by production scheduling from the
 * factories' real plans, consumed by quoting for lead-time options. A port in platform so quoting does
 * not depend on the contexts that depend on it.
 */
export interface CapacityEstimator {
  estimate(ctx: RequestContext, question: CapacityQuestion): Promise<CapacityAnswer | null>;
}

export const CAPACITY_ESTIMATOR = Symbol('CAPACITY_ESTIMATOR');

/** Mon–Fri days strictly after `from` up to and including the day of `to` (0 when `to` is today or earlier). */
export function businessDaysBetween(from: Date, to: Date): number {
  let days = 0;
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  while (cursor.getTime() < end) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    const day = cursor.getUTCDay();
    if (day !== 0 && day !== 6) days++;
  }
  return days;
}

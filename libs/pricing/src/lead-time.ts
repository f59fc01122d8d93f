import type { FinishSpec, InspectionLevel, LeadTier, ProcessSpec } from './catalog/catalog.types';

/**
 * Business days from order to ship for one tier: the capacity hint (earliest start), then the process's base
 * days plus finishing and inspection days plus production days (machine hours / productive hours per day),
 * all × the tier's days multiplier, rounded up and never below the tier's minimum.
 */
export function leadTimeDays(args: {
  process: ProcessSpec;
  finish: FinishSpec;
  inspection: InspectionLevel;
  tier: LeadTier;
  machineHours: number;
  earliestStartDays: number;
}): number {
  const { process, finish, inspection, tier, machineHours, earliestStartDays } = args;
  const productionDays = machineHours / process.productionHoursPerDay;
  const workDays = (process.baseLeadDays + finish.extraLeadDays + inspection.extraLeadDays + productionDays) * tier.daysMultiplier;
  return Math.max(tier.minDays, Math.ceil(earliestStartDays + workDays - 1e-9));
}

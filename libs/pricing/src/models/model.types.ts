import type { MaterialSpec, PricingCatalog, ProcessSpec } from '../catalog/catalog.types';
import type { PartMeasures } from '../geometry-measures';
import type { ConfidenceReason, NotManufacturable, PricingGeometry } from '../pricing.types';

export interface ModelContext {
  geometry: PricingGeometry;
  part: PartMeasures;
  process: ProcessSpec;
  material: MaterialSpec;
  /** Price of the material in the form this process buys, minor units per kg. */
  materialMinorPerKg: number;
  catalog: PricingCatalog;
}

/** Unrounded costs for a quantity, minor units, before tolerance, lead tier, finishing, inspection, margin and fee. */
export interface RawProcessCosts {
  material: number;
  machineTime: number;
  setup: number;
  postProcessing: number;
  tooling: number;
  machineHours: number;
}

export interface CostModel {
  /** `machineTimeFactor` (tolerance × lead tier) is what the machine time will be multiplied by afterwards; models
   *  that choose between options (cavity count) use it so the choice stays the cheapest for the final price. */
  costs(quantity: number, machineTimeFactor?: number): RawProcessCosts;
  partMassKg: number;
  /** Material consumed per part (stock, support, powder refresh, runners, sheet skeleton), kg. */
  consumedMassKgPerPart: number;
  model: Record<string, number | string>;
  assumptions: string[];
  confidence: ConfidenceReason[];
}

export type ModelOutcome = { ok: true; model: CostModel } | { ok: false; reasons: NotManufacturable['reasons'] };

export const hoursAt = (hours: number, rateMinorPerHour: number): number => hours * rateMinorPerHour;
export const massKg = (volumeMm3: number, densityGPerCm3: number): number => (volumeMm3 / 1000) * densityGPerCm3 / 1000;
export const round2 = (v: number): number => Math.round(v * 100) / 100;

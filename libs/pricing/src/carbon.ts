import type { FinishSpec, MaterialSpec, PricingCatalog, ProcessSpec, ShippingMode } from './catalog/catalog.types';
import type { CarbonEstimate, FactoryContext } from './pricing.types';

export const DEFAULT_FACTORY_REGION = 'EU';
export const DEFAULT_SHIPPING_DISTANCE_KM = 800;
export const DEFAULT_SHIPPING_MODE: ShippingMode = 'road';

/**
 * kg CO2e for `quantity` parts: material (consumed mass incl. stock/support/waste × embodied factor) + process
 * energy (machine hours × average kW × the factory region's grid intensity) + finishing (per dm²) + shipping
 * (shipped mass × distance × mode factor).
 */
export function estimateCarbon(args: {
  catalog: PricingCatalog;
  process: ProcessSpec;
  material: MaterialSpec;
  finish: FinishSpec;
  quantity: number;
  machineHours: number;
  consumedMassKgPerPart: number;
  partMassKg: number;
  areaMm2: number;
  factory?: FactoryContext;
}): CarbonEstimate {
  const { catalog, process, material, finish, quantity, machineHours, consumedMassKgPerPart, partMassKg, areaMm2, factory } = args;
  const requested = (factory?.region ?? DEFAULT_FACTORY_REGION).toUpperCase();
  const gridRegion = catalog.gridIntensityKgPerKwh[requested] !== undefined ? requested : 'WORLD';
  const gridKgPerKwh = catalog.gridIntensityKgPerKwh[gridRegion] ?? 0.48;
  const shippingMode = factory?.shippingMode ?? DEFAULT_SHIPPING_MODE;
  const shippingDistanceKm = Math.max(0, factory?.shippingDistanceKm ?? DEFAULT_SHIPPING_DISTANCE_KM);

  const materialKg = consumedMassKgPerPart * quantity * material.co2eKgPerKg;
  const energyKwh = machineHours * process.powerKw;
  const processEnergyKg = energyKwh * gridKgPerKwh;
  const finishingKg = (areaMm2 / 10_000) * finish.co2eKgPerDm2 * quantity;
  const shippedMassKg = partMassKg * quantity * catalog.packagingMassFactor;
  const shippingKg = (shippedMassKg / 1000) * shippingDistanceKm * catalog.shippingKgPerTonneKm[shippingMode];
  const totalKg = materialKg + processEnergyKg + finishingKg + shippingKg;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return {
    totalKg: r(totalKg),
    perPartKg: r(totalKg / quantity),
    materialKg: r(materialKg),
    processEnergyKg: r(processEnergyKg),
    finishingKg: r(finishingKg),
    shippingKg: r(shippingKg),
    energyKwh: r(energyKwh),
    gridRegion,
    gridKgPerKwh,
    shippedMassKg: r(shippedMassKg),
    shippingDistanceKm,
    shippingMode,
  };
}

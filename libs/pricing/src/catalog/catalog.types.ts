import type { ManufacturingProcess, Vec3 } from '@partsmith/geometry';

/**
 * The pricing catalog: every rate, price and factor the cost models use. It is data — the catalog context
 * stores these rows and operators edit them; `DEFAULT_CATALOG` is the seed. Money is integer minor units of
 * `PricingCatalog.currency`; lengths are mm; masses kg; energy kWh.
 */
export type ProcessFamily = 'additive' | 'cnc' | 'sheet' | 'molding';

export interface PricingCatalog {
  /** ISO 4217 code of every `…Minor` amount in the catalog. */
  currency: string;
  /** Free-form version tag, echoed on every quote so a price can be traced to the rates that made it. */
  version: string;
  processes: ProcessSpec[];
  materials: MaterialSpec[];
  finishes: FinishSpec[];
  tolerances: ToleranceClass[];
  inspections: InspectionLevel[];
  leadTiers: LeadTier[];
  /** kg CO2e per kWh of electricity by region code (ISO 3166 alpha-2, or `EU`, `WORLD`); `WORLD` is the fallback. */
  gridIntensityKgPerKwh: Record<string, number>;
  /** kg CO2e per tonne-km by transport mode. */
  shippingKgPerTonneKm: Record<ShippingMode, number>;
  /** Shipped mass = part mass × this (packaging, dunnage). */
  packagingMassFactor: number;
  /** Factory margin on cost, and the platform's share of the price (fee = rate × price). */
  marginRate: number;
  platformFeeRate: number;
}

export type ShippingMode = 'road' | 'air' | 'sea' | 'rail';

export interface ProcessSpec {
  code: string;
  name: string;
  family: ProcessFamily;
  /** Geometry design rules to analyse the file with (`analyzeFile({ process })`). */
  geometryProcess?: ManufacturingProcess;
  /** Machine (and operator) rate, minor units per hour. */
  machineRateMinorPerHour: number;
  /** Hours for one setup (fixturing, zeroing, first-part check; for additive: file prep and build set-up). */
  setupHours: number;
  /** Fixed engineering per order (CAM programming, nesting, tool design review), hours at the machine rate. */
  programmingHours: number;
  /** Largest part, mm, any orientation. */
  envelopeMm: Vec3;
  minWallMm: number;
  /** Tolerance the process holds without special effort: ± (absoluteMm + relative × size). */
  capability: { absoluteMm: number; relative: number };
  defaultFinish: string;
  defaultTolerance: string;
  /** Average electrical draw while the machine runs, kW (spindle, heaters, lasers, chillers). */
  powerKw: number;
  /** Business days from order to ship at the standard tier, before production time. */
  baseLeadDays: number;
  /** Machine hours per business day one job can count on (shifts × utilisation). */
  productionHoursPerDay: number;
  /** Range the cost model was checked against; outside it the quote loses confidence. */
  calibration: { minSizeMm: number; maxSizeMm: number; maxQuantity: number };
  additive?: AdditiveParams;
  cnc?: CncParams;
  sheet?: SheetParams;
  molding?: MoldingParams;
}

export interface AdditiveParams {
  /** extrusion (FDM: time ∝ deposited volume), vat (SLA: time ∝ height, shared by the plate),
   *  powder_bed (SLS/MJF: time ∝ share of the build volume), metal_bed (DMLS: recoat per layer + scan volume). */
  kind: 'extrusion' | 'vat' | 'powder_bed' | 'metal_bed';
  needsSupports: boolean;
  /** Deposited/scanned volume per hour, cm³/h (extrusion, metal_bed). */
  volumeRateCm3PerHour: number;
  /** Vertical build speed, mm/h: layer changes (extrusion), exposure + peel (vat), recoating (metal_bed), a full
   *  build's height (powder_bed). */
  verticalMmPerHour: number;
  /** Fraction of the build volume (powder_bed) or plate area (others) usable by parts. */
  packingDensity: number;
  /** Gap between nested parts, mm. */
  spacingMm: number;
  /** Extrusion only: perimeter shell thickness (mm) and infill fraction of the rest. */
  shellMm?: number;
  infill?: number;
  /** Support structure as a solid fraction of the volume under overhangs. */
  supportDensity: number;
  /** Material bought per kg of part+support (powder refresh, purge, failed prints). */
  materialWasteFactor: number;
  /** Per build (warm-up, cool-down, plate/powder handling), minor units; shared among the parts on the build. */
  perBuildMinor: number;
  /** Post-processing per part (wash/cure, depowder, bead clean), minor units, plus per cm² of supported area. */
  postPerPartMinor: number;
  postPerSupportCm2Minor: number;
}

export interface CncParams {
  kind: 'milling3' | 'milling5' | 'turning';
  /** Stock added to each side of the oriented box, mm. */
  stockAllowanceMm: number;
  /** Roughing removal rate in a machinability-1.0 material (aluminium 6061), cm³/min. */
  roughingCm3PerMin: number;
  /** Finishing rate over the surface in a machinability-1.0 material, cm²/min. */
  finishingCm2PerMin: number;
  /** Load, unload and probing per setup per part, minutes. */
  handlingMinPerSetup: number;
  /** Machine time scales with machinability^-exponent (time is not linear in it: feeds limit soft metals). */
  machinabilityExponent: number;
  /** Saving on cycle time for batches (fixtures, optimised paths): factor = max(floor, 1 − perDecade·log10 q). */
  batchLearning: { perDecade: number; floor: number };
  /** Deburring and cleaning per part, minor units. */
  postPerPartMinor: number;
}

export interface SheetParams {
  /** Sheet thicknesses stocked, mm. */
  gaugesMm: number[];
  /** Laser cut speed at 1 mm in mild steel, mm/min; speed ∝ 1/thickness, × material machinability. */
  cutMmPerMinAt1Mm: number;
  pierceSeconds: number;
  /** Press-brake time per bend per part, and set-up per distinct bend per order, minutes. */
  bendMinPerBend: number;
  bendSetupMinPerBend: number;
  /** Share of the sheet that ends up in parts. */
  sheetUtilisation: number;
  /** Deburr/handling per part, minor units. */
  postPerPartMinor: number;
}

export interface MoldingParams {
  kind: 'injection' | 'urethane';
  /** Tool (injection: aluminium/P20 mould; urethane: silicone mould), minor units:
   *  base + per cm² of projected area + per mm of depth, × complexity factor. */
  toolBaseMinor: number;
  toolPerCm2Minor: number;
  toolPerMmDepthMinor: number;
  /** Shots a tool (cavity set) lasts; beyond it the tool wears and its cost is charged per shot. */
  toolLifeShots: number;
  /** One-off master pattern (urethane: an SLA master), minor units. */
  masterMinor: number;
  /** Cavity counts considered; the cheapest per quantity is chosen. Extra cavity adds this share of tool cost. */
  cavityOptions: number[];
  extraCavityToolShare: number;
  /** Cycle: base seconds + cooling ∝ wall² (s/mm²). */
  cycleBaseSeconds: number;
  coolingSecondsPerMm2: number;
  /** Sprue/runner/flash as a fraction of shot mass. */
  runnerFraction: number;
  postPerPartMinor: number;
}

export interface MaterialSpec {
  code: string;
  name: string;
  /** Process codes that offer it. */
  processes: string[];
  densityGPerCm3: number;
  /** Price of the form the process buys (bar/plate, sheet, filament, resin, powder, pellets), minor units per kg. */
  priceMinorPerKg: number;
  /** Per-process price where the bought form differs (ABS pellets vs filament vs bar), minor units per kg. */
  priceMinorPerKgByProcess?: Record<string, number>;
  /** CNC: relative to aluminium 6061 = 1.0 (higher machines faster). */
  machinability: number;
  /** Sheet: laser cut speed relative to mild steel (default 1). */
  laserCutFactor?: number;
  co2eKgPerKg: number;
  /** Families for finish rules: aluminium, steel, stainless, titanium, copper_alloy, metal, plastic, resin, nylon. */
  tags: string[];
  /** Rarely quoted; prices and behaviour less certain. */
  exotic?: boolean;
}

export interface FinishSpec {
  code: string;
  name: string;
  processes: string[];
  /** When set, the material must carry one of these tags. */
  materialTags?: string[];
  /** Per lot (tank set-up, masking, rack), per part, and per dm² of surface, minor units. */
  lotMinor: number;
  perPartMinor: number;
  perDm2Minor: number;
  extraLeadDays: number;
  co2eKgPerDm2: number;
}

export interface ToleranceClass {
  code: string;
  name: string;
  /** 0 = loosest; higher is tighter. */
  rank: number;
  /** ± mm by nominal size band (ISO 2768 linear table): the first band whose `upToMm` ≥ the size applies. */
  bands: Array<{ upToMm: number; plusMinusMm: number }>;
  /** Multiplies machine time (slower finishing passes, more measuring). */
  machineTimeMultiplier: number;
  /** Extra inspection per part (measuring the toleranced features), minor units. */
  inspectionPerPartMinor: number;
}

export interface InspectionLevel {
  code: string;
  name: string;
  rank: number;
  /** Per order (CMM programming, FAI paperwork), per checked part (visual/calliper), and per reported part. */
  lotMinor: number;
  perPartMinor: number;
  /** Parts checked out of q: min(q, base + sqrtFactor·√q) — an ISO 2859-like sample that grows slower than the lot. */
  sample: { base: number; sqrtFactor: number };
  reportedParts: number;
  perReportedPartMinor: number;
  extraLeadDays: number;
}

export interface LeadTier {
  code: string;
  name: string;
  rank: number;
  /** Multiplies machine-time and setup cost (priority scheduling, overtime), and the base lead days. */
  priceMultiplier: number;
  daysMultiplier: number;
  minDays: number;
}

import type { FinishSpec, InspectionLevel, LeadTier, MaterialSpec, PricingCatalog, ProcessSpec, ToleranceClass } from './catalog/catalog.types';
import { estimateCarbon } from './carbon';
import { assessConfidence } from './confidence';
import { measurePart, type PartMeasures } from './geometry-measures';
import { leadTimeDays } from './lead-time';
import { additiveModel, fmtDims } from './models/additive.model';
import { cncModel } from './models/cnc.model';
import type { CostModel, ModelContext, ModelOutcome } from './models/model.types';
import { moldingModel } from './models/molding.model';
import { sheetModel } from './models/sheet.model';
import { allocateLargestRemainder, assertMinor, ceilMinor } from './money';
import { PricingError } from './pricing.errors';
import { COST_LINES, type CostBreakdown, type CostLine, type NotManufacturable, type QuantityBreak, type QuoteInput, type QuoteResult } from './pricing.types';

/** Largest quantity the instant quote accepts; above it, ask for an RFQ. */
export const MAX_QUANTITY = 1_000_000;

export interface ResolvedConfig {
  process: ProcessSpec;
  material: MaterialSpec;
  finish: FinishSpec;
  tolerance: ToleranceClass;
  inspection: InspectionLevel;
  leadTier: LeadTier;
  quantities: number[];
  materialMinorPerKg: number;
}

/**
 * Prices one part in one configuration at every quantity break. Throws `PricingError` for bad input (unknown
 * codes, bad quantities, a part with no volume); returns `not_manufacturable` with reasons when the part cannot
 * be made this way (does not fit, is not sheet metal, tolerance out of reach…).
 */
export function quote(input: QuoteInput): QuoteResult {
  const { geometry, catalog, factory, capacity } = input;
  const cfg = resolveConfig(input.config, catalog);
  const part = measurePart(geometry);
  const { process, material, finish, tolerance, inspection, leadTier } = cfg;

  const blocked = generalChecks(part, process, tolerance);
  if (blocked.length) return notManufacturable(process, material, blocked);
  const outcome = runModel({ geometry, part, process, material, materialMinorPerKg: cfg.materialMinorPerKg, catalog });
  if (!outcome.ok) return notManufacturable(process, material, outcome.reasons);
  const model = outcome.model;

  const earliestStartDays = Math.max(0, capacity?.earliestStartDays ?? 0);
  const tiers = [...catalog.leadTiers].sort((a, b) => a.rank - b.rank);
  const breaks: QuantityBreak[] = cfg.quantities.map((quantity) => {
    const priced = priceAt(model, cfg, catalog, part, quantity, leadTier);
    const leadTimes = tiers.map((tier) => {
      const atTier = tier.code === leadTier.code ? priced : priceAt(model, cfg, catalog, part, quantity, tier);
      return {
        tier: tier.code,
        name: tier.name,
        businessDays: leadTimeDays({ process, finish, inspection, tier, machineHours: atTier.machineHours, earliestStartDays }),
        unitPriceMinor: atTier.unitPriceMinor,
        totalMinor: atTier.totalMinor,
        selected: tier.code === leadTier.code,
      };
    });
    return {
      quantity,
      currency: catalog.currency,
      unitPriceMinor: priced.unitPriceMinor,
      totalMinor: priced.totalMinor,
      breakdown: priced.breakdown,
      unitBreakdown: priced.unitBreakdown,
      machineHours: Math.round(priced.machineHours * 1000) / 1000,
      leadTimes,
      leadTimeDays: leadTimes.find((l) => l.selected)!.businessDays,
      carbon: estimateCarbon({
        catalog, process, material, finish, quantity,
        machineHours: priced.machineHours,
        consumedMassKgPerPart: model.consumedMassKgPerPart,
        partMassKg: model.partMassKg,
        areaMm2: part.areaMm2,
        factory,
      }),
    };
  });

  return {
    status: 'quoted',
    catalogVersion: catalog.version,
    currency: catalog.currency,
    process: process.code,
    processFamily: process.family,
    material: material.code,
    finish: finish.code,
    tolerance: tolerance.code,
    inspection: inspection.code,
    leadTier: leadTier.code,
    breaks,
    confidence: assessConfidence({ geometry, part, process, material, quantities: cfg.quantities, modelReasons: model.confidence }),
    model: { partMassKg: Math.round(model.partMassKg * 10_000) / 10_000, ...model.model },
    assumptions: [
      ...model.assumptions,
      `Margin ${pct(catalog.marginRate)} on cost; platform fee ${pct(catalog.platformFeeRate)} of the price; the unit price is rounded up to a whole minor unit and the rounding is margin.`,
    ],
  };
}

interface Priced {
  unitPriceMinor: number;
  totalMinor: number;
  breakdown: CostBreakdown;
  unitBreakdown: CostBreakdown;
  machineHours: number;
}

/**
 * Costs → price for one quantity at one lead tier. Machine time × tolerance × tier, setups × tier; margin on
 * cost; fee so that it is `platformFeeRate` of the price. The unit price is the total rounded up to a whole
 * minor unit per part; the lines are split from it by largest remainder so they sum exactly.
 */
function priceAt(model: CostModel, cfg: ResolvedConfig, catalog: PricingCatalog, part: PartMeasures, q: number, tier: LeadTier): Priced {
  const { finish, inspection, tolerance } = cfg;
  const machineTimeFactor = tolerance.machineTimeMultiplier * tier.priceMultiplier;
  const raw = model.costs(q, machineTimeFactor);
  const areaDm2 = part.areaMm2 / 10_000;
  const cost: Omit<Record<CostLine, number>, 'margin' | 'platformFee'> = {
    material: raw.material,
    machineTime: raw.machineTime * machineTimeFactor,
    setup: raw.setup * tier.priceMultiplier,
    postProcessing: raw.postProcessing,
    finishing: finish.lotMinor + (finish.perPartMinor + finish.perDm2Minor * areaDm2) * q,
    inspection:
      inspection.lotMinor +
      (inspection.perPartMinor + tolerance.inspectionPerPartMinor) * Math.min(q, inspection.sample.base + inspection.sample.sqrtFactor * Math.sqrt(q)) +
      Math.min(q, inspection.reportedParts) * inspection.perReportedPartMinor,
    tooling: raw.tooling,
  };
  for (const [line, value] of Object.entries(cost)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new PricingError('INVALID_MONEY', `The ${line} cost for ${q} × ${cfg.process.code}/${cfg.material.code} came out as ${value}; check the catalog rates for negative or missing values.`);
    }
  }
  const costTotal = Object.values(cost).reduce((a, b) => a + b, 0);
  const margin = costTotal * catalog.marginRate;
  const platformFee = ((costTotal + margin) * catalog.platformFeeRate) / (1 - catalog.platformFeeRate);
  const rawTotal = costTotal + margin + platformFee;
  const unitPriceMinor = Math.max(1, ceilMinor(rawTotal / q));
  const totalMinor = unitPriceMinor * q;
  assertMinor(unitPriceMinor, 'The unit price');
  assertMinor(totalMinor, 'The total price');

  const weights: Record<CostLine, number> = { ...cost, margin: margin + Math.max(0, totalMinor - rawTotal), platformFee };
  const w = COST_LINES.map((line) => weights[line]);
  const breakdown = toBreakdown(allocateLargestRemainder(totalMinor, w));
  const unitBreakdown = toBreakdown(allocateLargestRemainder(unitPriceMinor, w));
  return { unitPriceMinor, totalMinor, breakdown, unitBreakdown, machineHours: raw.machineHours };
}

function toBreakdown(amounts: number[]): CostBreakdown {
  const out = {} as CostBreakdown;
  COST_LINES.forEach((line, i) => {
    assertMinor(amounts[i], `The ${line} line`);
    out[line] = amounts[i];
  });
  return out;
}

function runModel(ctx: ModelContext): ModelOutcome {
  const { process } = ctx;
  const params = { additive: process.additive, cnc: process.cnc, sheet: process.sheet, molding: process.molding }[process.family];
  if (!params) throw new PricingError('INVALID_CATALOG', `Process ${process.code} is in the ${process.family} family but has no ${process.family} parameters in the catalog.`);
  switch (process.family) {
    case 'additive':
      return additiveModel(ctx);
    case 'cnc':
      return cncModel(ctx);
    case 'sheet':
      return sheetModel(ctx);
    case 'molding':
      return moldingModel(ctx);
  }
}

/** Envelope (any orientation: sorted sides against the sorted envelope) and tolerance capability at the part's size. */
function generalChecks(part: PartMeasures, process: ProcessSpec, tolerance: ToleranceClass): NotManufacturable['reasons'] {
  const reasons: NotManufacturable['reasons'] = [];
  const env = [...process.envelopeMm].sort((a, b) => a - b);
  if (process.family !== 'additive' && part.dims.some((d, i) => d > env[i])) {
    reasons.push({ code: 'EXCEEDS_ENVELOPE', message: `The part (${fmtDims(part.dims)} mm) does not fit the ${process.name} envelope of ${fmtDims(process.envelopeMm)} mm in any orientation.` });
  }
  const size = part.dims[2];
  const asked = toleranceAt(tolerance, size);
  const holds = process.capability.absoluteMm + process.capability.relative * size;
  if (asked < holds - 1e-12) {
    reasons.push({ code: 'TOLERANCE_NOT_ACHIEVABLE', message: `${process.name} holds about ±${round3(holds)} mm on a ${Math.round(size)} mm part; ${tolerance.name} asks for ±${asked} mm. Choose a looser tolerance or a more precise process (CNC machining).` });
  }
  return reasons;
}

export function toleranceAt(tolerance: ToleranceClass, sizeMm: number): number {
  const band = tolerance.bands.find((b) => sizeMm <= b.upToMm) ?? tolerance.bands[tolerance.bands.length - 1];
  return band.plusMinusMm;
}

function notManufacturable(process: ProcessSpec, material: MaterialSpec, reasons: NotManufacturable['reasons']): NotManufacturable {
  return { status: 'not_manufacturable', process: process.code, material: material.code, reasons };
}

/** Looks every code up in the catalog and checks the quantities; throws `PricingError` naming what is wrong. */
export function resolveConfig(config: QuoteInput['config'], catalog: PricingCatalog): ResolvedConfig {
  const quantities = checkQuantities(config.quantities);
  const process = catalog.processes.find((p) => p.code === config.process);
  if (!process) throw new PricingError('UNKNOWN_PROCESS', `Unknown process "${config.process}". Known processes: ${catalog.processes.map((p) => p.code).join(', ')}.`);
  const material = catalog.materials.find((m) => m.code === config.material);
  const offered = catalog.materials.filter((m) => m.processes.includes(process.code)).map((m) => m.code);
  if (!material) throw new PricingError('UNKNOWN_MATERIAL', `Unknown material "${config.material}". Materials for ${process.code}: ${offered.join(', ') || 'none'}.`);
  if (!material.processes.includes(process.code)) {
    throw new PricingError('MATERIAL_NOT_OFFERED', `${material.name} (${material.code}) is not offered for ${process.name}. Materials for ${process.code}: ${offered.join(', ') || 'none'}.`);
  }
  const finishCode = config.finish ?? process.defaultFinish;
  const finish = catalog.finishes.find((f) => f.code === finishCode);
  if (!finish) throw new PricingError('UNKNOWN_FINISH', `Unknown finish "${finishCode}". Known finishes: ${catalog.finishes.map((f) => f.code).join(', ')}.`);
  if (!finish.processes.includes(process.code)) {
    const forProcess = catalog.finishes.filter((f) => f.processes.includes(process.code)).map((f) => f.code);
    throw new PricingError('FINISH_NOT_AVAILABLE', `${finish.name} is not available for ${process.name}. Finishes for ${process.code}: ${forProcess.join(', ')}.`);
  }
  if (finish.materialTags && !finish.materialTags.some((t) => material.tags.includes(t))) {
    throw new PricingError('FINISH_NOT_AVAILABLE', `${finish.name} needs a ${finish.materialTags.join(' or ')} material; ${material.name} is not.`);
  }
  const tolerance = lookup(catalog.tolerances, config.tolerance ?? process.defaultTolerance, 'UNKNOWN_TOLERANCE', 'tolerance class');
  const inspection = lookup(catalog.inspections, config.inspection ?? 'standard', 'UNKNOWN_INSPECTION', 'inspection level');
  const leadTier = lookup(catalog.leadTiers, config.leadTier ?? 'standard', 'UNKNOWN_LEAD_TIER', 'lead-time tier');
  const materialMinorPerKg = material.priceMinorPerKgByProcess?.[process.code] ?? material.priceMinorPerKg;
  return { process, material, finish, tolerance, inspection, leadTier, quantities, materialMinorPerKg };
}

function lookup<T extends { code: string }>(rows: T[], code: string, errorCode: 'UNKNOWN_TOLERANCE' | 'UNKNOWN_INSPECTION' | 'UNKNOWN_LEAD_TIER', what: string): T {
  const row = rows.find((r) => r.code === code);
  if (!row) throw new PricingError(errorCode, `Unknown ${what} "${code}". Known: ${rows.map((r) => r.code).join(', ')}.`);
  return row;
}

function checkQuantities(quantities: unknown): number[] {
  if (!Array.isArray(quantities) || quantities.length === 0) {
    throw new PricingError('NO_QUANTITIES', 'No quantities given; ask for at least one, e.g. [1, 10, 100].');
  }
  for (const q of quantities) {
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 1) {
      throw new PricingError('INVALID_QUANTITY', `Quantity ${JSON.stringify(q)} is not a positive whole number of parts.`);
    }
    if (q > MAX_QUANTITY) throw new PricingError('INVALID_QUANTITY', `Quantity ${q} is above the ${MAX_QUANTITY.toLocaleString('en-US')} an instant quote covers; request a production quote (RFQ).`);
  }
  return [...new Set(quantities as number[])].sort((a, b) => a - b);
}

const pct = (r: number) => `${Math.round(r * 1000) / 10} %`;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

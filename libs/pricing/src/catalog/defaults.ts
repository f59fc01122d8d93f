import type { FinishSpec, InspectionLevel, LeadTier, MaterialSpec, PricingCatalog, ProcessSpec, ToleranceClass } from './catalog.types';

/**
 * Default catalog: plausible 2026 figures for a European job shop / service bureau, in EUR cents. Every figure
 * and where it comes from is listed in libs/pricing/README.md; the catalog context seeds from this and
 * operators tune it there, not here.
 */
const CNC = ['cnc_milling_3axis', 'cnc_milling_5axis', 'cnc_turning'];
const ADDITIVE = ['fdm', 'sla', 'sls', 'mjf', 'dmls'];

const processes: ProcessSpec[] = [
  {
    code: 'cnc_milling_3axis', name: 'CNC milling (3-axis)', family: 'cnc', geometryProcess: 'cnc',
    machineRateMinorPerHour: 6_500, setupHours: 0.35, programmingHours: 0.5,
    envelopeMm: [1000, 500, 500], minWallMm: 0.8, capability: { absoluteMm: 0.01, relative: 0.00002 },
    defaultFinish: 'as_machined', defaultTolerance: 'iso2768_m', powerKw: 7.5, baseLeadDays: 5, productionHoursPerDay: 14,
    calibration: { minSizeMm: 5, maxSizeMm: 600, maxQuantity: 5_000 },
    cnc: { kind: 'milling3', stockAllowanceMm: 2.5, roughingCm3PerMin: 8, finishingCm2PerMin: 6, handlingMinPerSetup: 2.5, machinabilityExponent: 0.6, batchLearning: { perDecade: 0.08, floor: 0.7 }, postPerPartMinor: 150 },
  },
  {
    code: 'cnc_milling_5axis', name: 'CNC milling (5-axis)', family: 'cnc', geometryProcess: 'cnc',
    machineRateMinorPerHour: 11_000, setupHours: 0.5, programmingHours: 1.0,
    envelopeMm: [650, 650, 500], minWallMm: 0.8, capability: { absoluteMm: 0.01, relative: 0.00002 },
    defaultFinish: 'as_machined', defaultTolerance: 'iso2768_m', powerKw: 12, baseLeadDays: 7, productionHoursPerDay: 14,
    calibration: { minSizeMm: 5, maxSizeMm: 500, maxQuantity: 2_000 },
    cnc: { kind: 'milling5', stockAllowanceMm: 3, roughingCm3PerMin: 12, finishingCm2PerMin: 8, handlingMinPerSetup: 3, machinabilityExponent: 0.6, batchLearning: { perDecade: 0.08, floor: 0.7 }, postPerPartMinor: 150 },
  },
  {
    code: 'cnc_turning', name: 'CNC turning', family: 'cnc', geometryProcess: 'cnc',
    machineRateMinorPerHour: 5_500, setupHours: 0.3, programmingHours: 0.35,
    envelopeMm: [500, 300, 300], minWallMm: 0.8, capability: { absoluteMm: 0.01, relative: 0.00002 },
    defaultFinish: 'as_machined', defaultTolerance: 'iso2768_m', powerKw: 8, baseLeadDays: 5, productionHoursPerDay: 14,
    calibration: { minSizeMm: 3, maxSizeMm: 400, maxQuantity: 20_000 },
    cnc: { kind: 'turning', stockAllowanceMm: 2, roughingCm3PerMin: 15, finishingCm2PerMin: 10, handlingMinPerSetup: 1.5, machinabilityExponent: 0.6, batchLearning: { perDecade: 0.1, floor: 0.65 }, postPerPartMinor: 80 },
  },
  {
    code: 'sheet_laser_bending', name: 'Sheet metal (laser cutting + bending)', family: 'sheet',
    machineRateMinorPerHour: 9_000, setupHours: 0.25, programmingHours: 0.25,
    envelopeMm: [3000, 1500, 400], minWallMm: 0.5, capability: { absoluteMm: 0.1, relative: 0.0005 },
    defaultFinish: 'as_cut', defaultTolerance: 'iso2768_m', powerKw: 20, baseLeadDays: 5, productionHoursPerDay: 14,
    calibration: { minSizeMm: 10, maxSizeMm: 1500, maxQuantity: 10_000 },
    sheet: { gaugesMm: [0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10], cutMmPerMinAt1Mm: 12_000, pierceSeconds: 1.5, bendMinPerBend: 0.5, bendSetupMinPerBend: 10, sheetUtilisation: 0.75, postPerPartMinor: 50 },
  },
  {
    code: 'fdm', name: 'FDM 3D printing', family: 'additive', geometryProcess: 'fdm',
    machineRateMinorPerHour: 1_200, setupHours: 0.5, programmingHours: 0,
    envelopeMm: [350, 300, 300], minWallMm: 0.8, capability: { absoluteMm: 0.2, relative: 0.002 },
    defaultFinish: 'as_printed', defaultTolerance: 'iso2768_c', powerKw: 0.35, baseLeadDays: 3, productionHoursPerDay: 20,
    calibration: { minSizeMm: 5, maxSizeMm: 300, maxQuantity: 500 },
    additive: { kind: 'extrusion', needsSupports: true, volumeRateCm3PerHour: 18, verticalMmPerHour: 240, packingDensity: 0.6, spacingMm: 5, shellMm: 1.2, infill: 0.3, supportDensity: 0.15, materialWasteFactor: 1.1, perBuildMinor: 200, postPerPartMinor: 150, postPerSupportCm2Minor: 8 },
  },
  {
    code: 'sla', name: 'SLA 3D printing', family: 'additive', geometryProcess: 'sla',
    machineRateMinorPerHour: 2_500, setupHours: 0.25, programmingHours: 0,
    envelopeMm: [335, 200, 300], minWallMm: 0.5, capability: { absoluteMm: 0.05, relative: 0.001 },
    defaultFinish: 'as_printed', defaultTolerance: 'iso2768_m', powerKw: 0.3, baseLeadDays: 3, productionHoursPerDay: 20,
    calibration: { minSizeMm: 3, maxSizeMm: 300, maxQuantity: 500 },
    additive: { kind: 'vat', needsSupports: true, volumeRateCm3PerHour: 0, verticalMmPerHour: 12, packingDensity: 0.5, spacingMm: 4, supportDensity: 0.1, materialWasteFactor: 1.15, perBuildMinor: 800, postPerPartMinor: 300, postPerSupportCm2Minor: 10 },
  },
  {
    code: 'sls', name: 'SLS 3D printing', family: 'additive', geometryProcess: 'sls',
    machineRateMinorPerHour: 4_500, setupHours: 0.25, programmingHours: 0,
    envelopeMm: [340, 340, 600], minWallMm: 0.7, capability: { absoluteMm: 0.15, relative: 0.002 },
    defaultFinish: 'as_printed', defaultTolerance: 'iso2768_m', powerKw: 12, baseLeadDays: 5, productionHoursPerDay: 20,
    calibration: { minSizeMm: 5, maxSizeMm: 340, maxQuantity: 2_000 },
    additive: { kind: 'powder_bed', needsSupports: false, volumeRateCm3PerHour: 0, verticalMmPerHour: 25, packingDensity: 0.1, spacingMm: 3, supportDensity: 0, materialWasteFactor: 1.5, perBuildMinor: 15_000, postPerPartMinor: 250, postPerSupportCm2Minor: 0 },
  },
  {
    code: 'mjf', name: 'HP Multi Jet Fusion', family: 'additive', geometryProcess: 'mjf',
    machineRateMinorPerHour: 4_000, setupHours: 0.25, programmingHours: 0,
    envelopeMm: [380, 284, 380], minWallMm: 0.6, capability: { absoluteMm: 0.15, relative: 0.002 },
    defaultFinish: 'as_printed', defaultTolerance: 'iso2768_m', powerKw: 10, baseLeadDays: 4, productionHoursPerDay: 20,
    calibration: { minSizeMm: 5, maxSizeMm: 380, maxQuantity: 5_000 },
    additive: { kind: 'powder_bed', needsSupports: false, volumeRateCm3PerHour: 0, verticalMmPerHour: 30, packingDensity: 0.12, spacingMm: 3, supportDensity: 0, materialWasteFactor: 1.25, perBuildMinor: 12_000, postPerPartMinor: 200, postPerSupportCm2Minor: 0 },
  },
  {
    code: 'dmls', name: 'DMLS metal 3D printing', family: 'additive', geometryProcess: 'dmls',
    machineRateMinorPerHour: 8_500, setupHours: 1, programmingHours: 0.5,
    envelopeMm: [250, 250, 325], minWallMm: 0.4, capability: { absoluteMm: 0.05, relative: 0.001 },
    defaultFinish: 'as_printed', defaultTolerance: 'iso2768_m', powerKw: 8, baseLeadDays: 8, productionHoursPerDay: 20,
    calibration: { minSizeMm: 5, maxSizeMm: 250, maxQuantity: 200 },
    additive: { kind: 'metal_bed', needsSupports: true, volumeRateCm3PerHour: 15, verticalMmPerHour: 10, packingDensity: 0.4, spacingMm: 5, supportDensity: 0.25, materialWasteFactor: 1.1, perBuildMinor: 25_000, postPerPartMinor: 1_500, postPerSupportCm2Minor: 40 },
  },
  {
    code: 'injection_molding', name: 'Injection moulding', family: 'molding', geometryProcess: 'injection_molding',
    machineRateMinorPerHour: 5_000, setupHours: 2, programmingHours: 2,
    envelopeMm: [600, 500, 300], minWallMm: 0.8, capability: { absoluteMm: 0.05, relative: 0.001 },
    defaultFinish: 'as_molded', defaultTolerance: 'iso2768_m', powerKw: 15, baseLeadDays: 15, productionHoursPerDay: 16,
    calibration: { minSizeMm: 5, maxSizeMm: 300, maxQuantity: 250_000 },
    molding: { kind: 'injection', toolBaseMinor: 250_000, toolPerCm2Minor: 4_000, toolPerMmDepthMinor: 3_000, toolLifeShots: 100_000, masterMinor: 0, cavityOptions: [1, 2, 4], extraCavityToolShare: 0.5, cycleBaseSeconds: 10, coolingSecondsPerMm2: 2.5, runnerFraction: 0.1, postPerPartMinor: 5 },
  },
  {
    code: 'urethane_casting', name: 'Urethane (vacuum) casting', family: 'molding',
    machineRateMinorPerHour: 4_500, setupHours: 0.5, programmingHours: 0.5,
    envelopeMm: [800, 600, 400], minWallMm: 1, capability: { absoluteMm: 0.15, relative: 0.003 },
    defaultFinish: 'as_molded', defaultTolerance: 'iso2768_c', powerKw: 2, baseLeadDays: 10, productionHoursPerDay: 16,
    calibration: { minSizeMm: 10, maxSizeMm: 500, maxQuantity: 200 },
    molding: { kind: 'urethane', toolBaseMinor: 15_000, toolPerCm2Minor: 300, toolPerMmDepthMinor: 400, toolLifeShots: 20, masterMinor: 15_000, cavityOptions: [1], extraCavityToolShare: 0.5, cycleBaseSeconds: 1_800, coolingSecondsPerMm2: 0, runnerFraction: 0.15, postPerPartMinor: 500 },
  },
];

const m = (code: string, name: string, processes: string[], density: number, priceMinorPerKg: number, machinability: number, co2e: number, tags: string[], extra: Partial<MaterialSpec> = {}): MaterialSpec => ({
  code, name, processes, densityGPerCm3: density, priceMinorPerKg, machinability, co2eKgPerKg: co2e, tags, ...extra,
});

const materials: MaterialSpec[] = [
  // CNC stock (bar/plate, small-lot prices)
  m('aluminum_6061', 'Aluminium 6061-T6', CNC, 2.7, 800, 1.0, 11, ['aluminium', 'metal']),
  m('aluminum_7075', 'Aluminium 7075-T6', CNC, 2.81, 1_400, 0.9, 12.5, ['aluminium', 'metal']),
  m('brass_c360', 'Brass C360', CNC, 8.5, 900, 1.3, 4.5, ['copper_alloy', 'metal']),
  m('copper_c110', 'Copper C110', CNC, 8.94, 1_100, 0.6, 4, ['copper_alloy', 'metal']),
  m('steel_1018', 'Steel 1018 (mild)', CNC, 7.87, 250, 0.45, 2.2, ['steel', 'metal']),
  m('steel_4140', 'Steel 4140 (alloy)', CNC, 7.85, 350, 0.35, 2.5, ['steel', 'metal']),
  m('stainless_304', 'Stainless steel 304', [...CNC, 'sheet_laser_bending'], 8.0, 600, 0.25, 6.2, ['stainless', 'metal'], { priceMinorPerKgByProcess: { sheet_laser_bending: 350 }, laserCutFactor: 0.75 }),
  m('stainless_316l', 'Stainless steel 316L', CNC, 8.0, 750, 0.22, 6.8, ['stainless', 'metal']),
  m('titanium_ti6al4v', 'Titanium Ti-6Al-4V (grade 5)', CNC, 4.43, 4_500, 0.12, 40, ['titanium', 'metal']),
  m('pom_c', 'POM-C (acetal, Delrin)', [...CNC, 'injection_molding'], 1.41, 900, 1.4, 3, ['plastic'], { priceMinorPerKgByProcess: { injection_molding: 350 } }),
  m('abs', 'ABS', [...CNC, 'fdm', 'injection_molding'], 1.05, 600, 1.3, 3.5, ['plastic'], { priceMinorPerKgByProcess: { fdm: 2_800, injection_molding: 260 } }),
  m('peek', 'PEEK', [...CNC, 'fdm'], 1.31, 12_000, 0.8, 30, ['plastic'], { exotic: true, priceMinorPerKgByProcess: { fdm: 60_000 } }),
  // Sheet
  m('steel_dc01', 'Cold-rolled steel DC01', ['sheet_laser_bending'], 7.85, 130, 0.45, 2.2, ['steel', 'metal'], { laserCutFactor: 1 }),
  m('steel_dx51d_galvanized', 'Galvanised steel DX51D+Z', ['sheet_laser_bending'], 7.85, 150, 0.45, 2.5, ['steel', 'metal'], { laserCutFactor: 0.9 }),
  m('aluminum_5052', 'Aluminium 5052-H32', ['sheet_laser_bending'], 2.68, 500, 1.0, 10, ['aluminium', 'metal'], { laserCutFactor: 0.8 }),
  // FDM filament
  m('pla', 'PLA', ['fdm'], 1.24, 2_500, 1, 2, ['plastic']),
  m('petg', 'PETG', ['fdm'], 1.27, 2_500, 1, 3, ['plastic']),
  m('pa12_cf', 'Nylon PA12 carbon-fibre filled', ['fdm'], 1.2, 9_000, 1, 8, ['nylon', 'plastic']),
  m('ultem_9085', 'ULTEM 9085', ['fdm'], 1.34, 40_000, 1, 20, ['plastic'], { exotic: true }),
  // SLA resin
  m('resin_standard', 'Standard resin', ['sla'], 1.15, 14_000, 1, 6, ['resin']),
  m('resin_tough', 'Tough resin (ABS-like)', ['sla'], 1.15, 17_000, 1, 6, ['resin']),
  m('resin_clear', 'Clear resin', ['sla'], 1.15, 15_000, 1, 6, ['resin']),
  m('resin_high_temp', 'High-temperature resin', ['sla'], 1.2, 25_000, 1, 7, ['resin'], { exotic: true }),
  // Powder bed polymers
  m('pa12', 'Nylon PA12', ['sls', 'mjf'], 0.97, 6_000, 1, 7, ['nylon', 'plastic'], { priceMinorPerKgByProcess: { mjf: 5_000 } }),
  m('pa11', 'Nylon PA11 (bio-based)', ['sls', 'mjf'], 1.03, 8_000, 1, 4, ['nylon', 'plastic']),
  m('pa12_gf', 'Nylon PA12 glass-filled', ['sls'], 1.3, 7_000, 1, 7, ['nylon', 'plastic']),
  m('tpu', 'TPU 88A', ['sls', 'mjf'], 1.11, 9_000, 1, 6, ['plastic'], { exotic: true }),
  // Metal powders
  m('alsi10mg', 'Aluminium AlSi10Mg', ['dmls'], 2.67, 8_000, 1, 15, ['aluminium', 'metal']),
  m('stainless_316l_powder', 'Stainless steel 316L (powder)', ['dmls'], 7.9, 6_000, 1, 8, ['stainless', 'metal']),
  m('ti6al4v_powder', 'Titanium Ti-6Al-4V (powder)', ['dmls'], 4.41, 35_000, 1, 45, ['titanium', 'metal']),
  m('inconel_718', 'Inconel 718', ['dmls'], 8.19, 9_500, 1, 15, ['metal'], { exotic: true }),
  // Moulding pellets and casting resins
  m('pp', 'Polypropylene', ['injection_molding'], 0.905, 200, 1, 2, ['plastic']),
  m('pc', 'Polycarbonate', ['injection_molding'], 1.2, 400, 1, 6, ['plastic']),
  m('pa66_gf30', 'PA66 30 % glass-filled', ['injection_molding'], 1.36, 500, 1, 7.5, ['nylon', 'plastic']),
  m('tpe', 'TPE (Shore 70A)', ['injection_molding'], 1.0, 400, 1, 4, ['plastic']),
  m('pu_rigid', 'Polyurethane, rigid (ABS-like)', ['urethane_casting'], 1.15, 2_500, 1, 4.5, ['plastic']),
  m('pu_elastomer', 'Polyurethane elastomer (Shore 60A)', ['urethane_casting'], 1.1, 3_000, 1, 4.5, ['plastic']),
];

const f = (code: string, name: string, processList: string[], lotMinor: number, perPartMinor: number, perDm2Minor: number, extraLeadDays: number, co2eKgPerDm2: number, materialTags?: string[]): FinishSpec => ({
  code, name, processes: processList, lotMinor, perPartMinor, perDm2Minor, extraLeadDays, co2eKgPerDm2, ...(materialTags ? { materialTags } : {}),
});

const finishes: FinishSpec[] = [
  f('as_machined', 'As machined (deburred)', CNC, 0, 0, 0, 0, 0),
  f('as_printed', 'As printed (supports removed, cleaned)', ADDITIVE, 0, 0, 0, 0, 0),
  f('as_cut', 'As cut and formed (deburred)', ['sheet_laser_bending'], 0, 0, 0, 0, 0),
  f('as_molded', 'As moulded (SPI-B/C, gates trimmed)', ['injection_molding', 'urethane_casting'], 0, 0, 0, 0, 0),
  f('bead_blast', 'Bead blast (matte)', [...CNC, 'dmls', 'sheet_laser_bending'], 2_500, 100, 150, 1, 0.02, ['metal']),
  f('anodize_type_ii', 'Anodise type II (colour)', CNC, 6_000, 150, 400, 3, 0.15, ['aluminium']),
  f('anodize_type_iii', 'Hard anodise type III', CNC, 12_000, 300, 900, 4, 0.3, ['aluminium']),
  f('zinc_plate', 'Zinc plating (clear)', [...CNC, 'sheet_laser_bending'], 5_000, 100, 250, 3, 0.1, ['steel']),
  f('powder_coat', 'Powder coat', [...CNC, 'sheet_laser_bending', 'dmls'], 8_000, 200, 500, 3, 0.25, ['metal']),
  f('polish', 'Polish (mirror)', [...CNC, 'dmls'], 2_000, 500, 2_000, 2, 0.05, ['metal']),
  f('dyed', 'Dyed black', ['sls', 'mjf'], 1_500, 50, 80, 1, 0.02, ['nylon']),
  f('vapor_smoothing', 'Vapour smoothing', ['sls', 'mjf'], 4_000, 200, 250, 2, 0.05, ['nylon']),
  f('primer', 'Primer (ready to paint)', ['fdm', 'sla', 'sls', 'mjf'], 2_500, 200, 400, 2, 0.08),
];

const BAND_LIMITS = [3, 6, 30, 120, 400, 1000, 2000, 4000];
const bands = (values: number[]) => BAND_LIMITS.map((upToMm, i) => ({ upToMm, plusMinusMm: values[i] }));

const tolerances: ToleranceClass[] = [
  { code: 'iso2768_c', name: 'ISO 2768-c (coarse)', rank: 0, bands: bands([0.2, 0.3, 0.5, 0.8, 1.2, 2, 3, 4]), machineTimeMultiplier: 1, inspectionPerPartMinor: 0 },
  { code: 'iso2768_m', name: 'ISO 2768-m (medium)', rank: 1, bands: bands([0.1, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2]), machineTimeMultiplier: 1, inspectionPerPartMinor: 0 },
  { code: 'iso2768_f', name: 'ISO 2768-f (fine)', rank: 2, bands: bands([0.05, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.5]), machineTimeMultiplier: 1.15, inspectionPerPartMinor: 150 },
  { code: 'tight_0025', name: 'Tight ±0.025 mm', rank: 3, bands: bands([0.025, 0.025, 0.025, 0.025, 0.025, 0.025, 0.025, 0.025]), machineTimeMultiplier: 1.6, inspectionPerPartMinor: 600 },
];

const inspections: InspectionLevel[] = [
  { code: 'standard', name: 'Standard (visual and calliper checks)', rank: 0, lotMinor: 0, perPartMinor: 30, sample: { base: 5, sqrtFactor: 2 }, reportedParts: 0, perReportedPartMinor: 0, extraLeadDays: 0 },
  { code: 'cmm_report', name: 'CMM inspection report', rank: 1, lotMinor: 7_500, perPartMinor: 30, sample: { base: 5, sqrtFactor: 2 }, reportedParts: 3, perReportedPartMinor: 3_500, extraLeadDays: 1 },
  { code: 'first_article_as9102', name: 'First article inspection (AS9102)', rank: 2, lotMinor: 35_000, perPartMinor: 30, sample: { base: 5, sqrtFactor: 2 }, reportedParts: 3, perReportedPartMinor: 6_000, extraLeadDays: 3 },
];

const leadTiers: LeadTier[] = [
  { code: 'economy', name: 'Economy', rank: 0, priceMultiplier: 0.9, daysMultiplier: 1.6, minDays: 5 },
  { code: 'standard', name: 'Standard', rank: 1, priceMultiplier: 1, daysMultiplier: 1, minDays: 2 },
  { code: 'expedited', name: 'Expedited', rank: 2, priceMultiplier: 1.4, daysMultiplier: 0.5, minDays: 1 },
];

export const DEFAULT_CATALOG: PricingCatalog = {
  currency: 'EUR',
  version: 'defaults-2026.1',
  processes,
  materials,
  finishes,
  tolerances,
  inspections,
  leadTiers,
  gridIntensityKgPerKwh: {
    WORLD: 0.48, EU: 0.24, DE: 0.38, FR: 0.05, IT: 0.26, ES: 0.14, PT: 0.15, NL: 0.27, BE: 0.14, AT: 0.09, CH: 0.03,
    CZ: 0.41, PL: 0.66, SE: 0.03, GB: 0.21, US: 0.37, CA: 0.13, MX: 0.41, CN: 0.58, IN: 0.71, JP: 0.48, KR: 0.43,
    TW: 0.56, VN: 0.47, TR: 0.44,
  },
  shippingKgPerTonneKm: { road: 0.11, rail: 0.03, sea: 0.016, air: 0.8 },
  packagingMassFactor: 1.25,
  marginRate: 0.2,
  platformFeeRate: 0.1,
};

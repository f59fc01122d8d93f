import type { Finding, Vec3 } from '@partsmith/geometry';
import type { PricingCatalog, ShippingMode } from './catalog/catalog.types';

/**
 * The part of a `GeometryReport` the pricing engine reads. A full report from `@partsmith/geometry` fits; so
 * does a stored summary with only these fields. Lengths mm, areas mm², volumes mm³.
 */
export interface PricingGeometry {
  volumeMm3: number;
  surfaceAreaMm2: number;
  bbox: { size: Vec3 };
  /** Oriented box: `size` is what the cost models use for stock, nesting and orientation. */
  obb: { size: Vec3 };
  triangles: number;
  shells: number;
  watertight: boolean;
  nonManifoldEdges?: number;
  findings: Array<Pick<Finding, 'code' | 'severity'> & { location?: { areaMm2?: number }; details?: Finding['details'] }>;
}

export interface QuoteConfig {
  process: string;
  material: string;
  /** Defaults to the process's `defaultFinish`, `defaultTolerance`, `standard`, `standard`. */
  finish?: string;
  tolerance?: string;
  inspection?: string;
  leadTier?: string;
  /** Quantity breaks: positive integers (deduplicated and sorted ascending in the result). */
  quantities: number[];
}

export interface FactoryContext {
  /** Grid region of the factory (ISO 3166 alpha-2, `EU`, `WORLD`); unknown codes use `WORLD`. Default `EU`. */
  region?: string;
  /** Distance to the designer, km. Default 800 (a typical intra-European road leg). */
  shippingDistanceKm?: number;
  shippingMode?: ShippingMode;
}

export interface CapacityHint {
  /** Business days before the factory can start this job (from the scheduling engine). Default 0. */
  earliestStartDays: number;
}

export interface QuoteInput {
  geometry: PricingGeometry;
  config: QuoteConfig;
  catalog: PricingCatalog;
  factory?: FactoryContext;
  capacity?: CapacityHint;
}

/** The lines every breakdown has, in display order. */
export const COST_LINES = ['material', 'machineTime', 'setup', 'postProcessing', 'finishing', 'inspection', 'tooling', 'margin', 'platformFee'] as const;
export type CostLine = (typeof COST_LINES)[number];
/** Integer minor units per line; the lines sum exactly to the amount they break down. */
export type CostBreakdown = Record<CostLine, number>;

export const COST_LINE_LABELS: Record<CostLine, string> = {
  material: 'Material',
  machineTime: 'Machine time',
  setup: 'Setups and programming',
  postProcessing: 'Post-processing',
  finishing: 'Finishing',
  inspection: 'Inspection',
  tooling: 'Tooling (amortised)',
  margin: 'Margin',
  platformFee: 'Platform fee',
};

export interface LeadTimeOption {
  tier: string;
  name: string;
  businessDays: number;
  /** Price of this quantity break at this tier. */
  unitPriceMinor: number;
  totalMinor: number;
  selected: boolean;
}

export interface CarbonEstimate {
  /** kg CO2e for the whole quantity break, and per part. */
  totalKg: number;
  perPartKg: number;
  materialKg: number;
  processEnergyKg: number;
  finishingKg: number;
  shippingKg: number;
  energyKwh: number;
  gridRegion: string;
  gridKgPerKwh: number;
  shippedMassKg: number;
  shippingDistanceKm: number;
  shippingMode: ShippingMode;
}

export interface QuantityBreak {
  quantity: number;
  currency: string;
  unitPriceMinor: number;
  /** `unitPriceMinor × quantity`. */
  totalMinor: number;
  /** Sums exactly to `totalMinor`. */
  breakdown: CostBreakdown;
  /** Sums exactly to `unitPriceMinor`. */
  unitBreakdown: CostBreakdown;
  machineHours: number;
  leadTimes: LeadTimeOption[];
  /** Business days at the selected tier. */
  leadTimeDays: number;
  carbon: CarbonEstimate;
}

export type ConfidenceReasonCode =
  | 'NOT_WATERTIGHT'
  | 'NON_MANIFOLD'
  | 'UNIT_WARNING'
  | 'OUTSIDE_CALIBRATED_SIZE'
  | 'OUTSIDE_CALIBRATED_QUANTITY'
  | 'THIN_WALLS'
  | 'TINY_FEATURES'
  | 'EXOTIC_MATERIAL'
  | 'SHEET_THICKNESS_UNCERTAIN'
  | 'SHEET_BENDS_ESTIMATED'
  | 'TURNED_SHAPE_UNCERTAIN'
  | 'COMPLEX_GEOMETRY'
  | 'MULTIPLE_BODIES'
  | 'SUPPORT_ESTIMATED';

export interface ConfidenceReason {
  code: ConfidenceReasonCode;
  message: string;
  /** Factor applied to the score (0–1; 1 = no effect). */
  factor: number;
}

export interface Confidence {
  /** 0–1: the product of the reasons' factors. */
  score: number;
  needsReview: boolean;
  reasons: ConfidenceReason[];
}

export interface QuotedResult {
  status: 'quoted';
  catalogVersion: string;
  currency: string;
  process: string;
  processFamily: string;
  material: string;
  finish: string;
  tolerance: string;
  inspection: string;
  leadTier: string;
  breaks: QuantityBreak[];
  confidence: Confidence;
  /** Model figures behind the price (orientation, setups, stock, parts per build, cycle time…). */
  model: Record<string, number | string>;
  /** What the model assumed, in words, for the designer and the operator. */
  assumptions: string[];
}

export type NotManufacturableCode = 'EXCEEDS_ENVELOPE' | 'NOT_SHEET_METAL' | 'NO_SHEET_GAUGE' | 'TOLERANCE_NOT_ACHIEVABLE' | 'NOT_TURNABLE';

export interface NotManufacturable {
  status: 'not_manufacturable';
  process: string;
  material: string;
  reasons: Array<{ code: NotManufacturableCode; message: string }>;
}

export type QuoteResult = QuotedResult | NotManufacturable;

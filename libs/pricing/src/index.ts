/**
 * @partsmith/pricing — instant quotes from geometry and a catalog: cost models per process family, exact
 * integer breakdowns, lead times, confidence and carbon. Pure functions; see libs/pricing/README.md.
 */
export type {
  AdditiveParams,
  CncParams,
  FinishSpec,
  InspectionLevel,
  LeadTier,
  MaterialSpec,
  MoldingParams,
  PricingCatalog,
  ProcessFamily,
  ProcessSpec,
  SheetParams,
  ShippingMode,
  ToleranceClass,
} from './catalog/catalog.types';
export { DEFAULT_CATALOG } from './catalog/defaults';
export {
  COST_LINES,
  COST_LINE_LABELS,
  type CapacityHint,
  type CarbonEstimate,
  type Confidence,
  type ConfidenceReason,
  type ConfidenceReasonCode,
  type CostBreakdown,
  type CostLine,
  type FactoryContext,
  type LeadTimeOption,
  type NotManufacturable,
  type NotManufacturableCode,
  type PricingGeometry,
  type QuantityBreak,
  type QuoteConfig,
  type QuoteInput,
  type QuoteResult,
  type QuotedResult,
} from './pricing.types';
export { PricingError, isPricingError, type PricingErrorCode } from './pricing.errors';
export { quote, resolveConfig, toleranceAt, MAX_QUANTITY, type ResolvedConfig } from './quote';
export { compareProcesses, type CompareOptions, type IncompatibleProcess, type ProcessComparison } from './compare';
export { CONFIDENCE_REVIEW_THRESHOLD } from './confidence';
export { DEFAULT_FACTORY_REGION, DEFAULT_SHIPPING_DISTANCE_KM, DEFAULT_SHIPPING_MODE } from './carbon';
export { allocateLargestRemainder } from './money';
export { estimateSetups } from './models/cnc.model';
export { measurePart, type PartMeasures } from './geometry-measures';

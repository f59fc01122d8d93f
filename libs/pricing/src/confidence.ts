import type { MaterialSpec, ProcessSpec } from './catalog/catalog.types';
import type { PartMeasures } from './geometry-measures';
import type { Confidence, ConfidenceReason, PricingGeometry } from './pricing.types';

/** Below this score a quote goes to operator review (`needs_review`) instead of straight to the designer. */
export const CONFIDENCE_REVIEW_THRESHOLD = 0.6;

/**
 * What the model knows about how far to trust this price. Each reason multiplies the score by its factor, so
 * one severe reason (open mesh, unit warning: ×0.5) or three moderate ones put a quote under the threshold.
 */
export function assessConfidence(args: {
  geometry: PricingGeometry;
  part: PartMeasures;
  process: ProcessSpec;
  material: MaterialSpec;
  quantities: number[];
  modelReasons: ConfidenceReason[];
}): Confidence {
  const { geometry, part, process, material, quantities, modelReasons } = args;
  const reasons: ConfidenceReason[] = [];
  const findings = (code: string) => geometry.findings.filter((f) => f.code === code);

  if (!geometry.watertight) reasons.push({ code: 'NOT_WATERTIGHT', message: 'The mesh is not watertight, so its volume (and everything priced from it) may be wrong.', factor: 0.5 });
  if ((geometry.nonManifoldEdges ?? 0) > 0 || findings('NON_MANIFOLD_EDGES').length) reasons.push({ code: 'NON_MANIFOLD', message: 'The mesh has non-manifold edges; volume and area may be off.', factor: 0.8 });
  const unit = findings('SUSPICIOUS_SIZE').find((f) => f.severity !== 'info');
  if (unit) {
    const suggested = unit.details?.suggestedUnits;
    reasons.push({ code: 'UNIT_WARNING', message: `The part's size is implausible in the assumed units${suggested ? ` (did you mean ${suggested}?)` : ''}; the price may be for the wrong size.`, factor: 0.5 });
  }
  const [smallest, , largest] = part.dims;
  const cal = process.calibration;
  if (largest > cal.maxSizeMm || largest < cal.minSizeMm) {
    reasons.push({ code: 'OUTSIDE_CALIBRATED_SIZE', message: `The part's largest dimension (${Math.round(largest * 10) / 10} mm) is outside the ${cal.minSizeMm}–${cal.maxSizeMm} mm range the ${process.name} model is calibrated for.`, factor: 0.75 });
  }
  const maxQty = Math.max(...quantities);
  if (maxQty > cal.maxQuantity) {
    reasons.push({ code: 'OUTSIDE_CALIBRATED_QUANTITY', message: `${maxQty.toLocaleString('en-US')} parts is above the ${cal.maxQuantity.toLocaleString('en-US')} the ${process.name} model is calibrated for; a production quote may differ.`, factor: 0.8 });
  }
  const thin = findings('THIN_WALL');
  const thinnest = Math.min(smallest, ...thin.map((f) => Number(f.details?.minThicknessMm ?? Infinity)));
  if (thin.length || thinnest < process.minWallMm) {
    const severe = thin.some((f) => f.severity === 'error') || thinnest < process.minWallMm / 2;
    reasons.push({ code: 'THIN_WALLS', message: `Walls thinner than ${process.minWallMm} mm (the ${process.name} minimum) were found; they may fail or need rework.`, factor: severe ? 0.7 : 0.85 });
  }
  if (findings('TINY_FEATURES').length) reasons.push({ code: 'TINY_FEATURES', message: 'Features smaller than the process resolves were found.', factor: 0.85 });
  if (findings('MULTIPLE_BODIES').length) {
    reasons.push({ code: 'MULTIPLE_BODIES', message: 'The file holds several bodies; they are priced as one part.', factor: 0.85 });
  }
  if (material.exotic) reasons.push({ code: 'EXOTIC_MATERIAL', message: `${material.name} is rarely quoted; its price and lead time are less certain.`, factor: 0.8 });
  reasons.push(...modelReasons);

  const score = Math.round(reasons.reduce((s, r) => s * r.factor, 1) * 1000) / 1000;
  return { score, needsReview: score < CONFIDENCE_REVIEW_THRESHOLD, reasons };
}

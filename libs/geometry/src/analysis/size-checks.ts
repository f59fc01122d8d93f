import { formatCount } from '../geometry.errors';
import type { Finding, UnitOverride, Vec3 } from '../geometry.types';
import { MM_PER_UNIT, UNIT_NAMES } from '../units';
import { LocationAccumulator, formatDims, formatMm, type AnalysisContext } from './analysis-context';
import { PROCESS_NAMES } from './process-rules';

/** A part this small or large is more likely a unit mistake than a real part. */
const SMALLEST_PLAUSIBLE_MM = 2;
const LARGEST_PLAUSIBLE_MM = 2000;

/**
 * Flags sizes that look like the wrong unit and suggests the unit that gives a plausible part: unitless STL
 * and OBJ files from inch or metre CAD models land here all the time.
 */
export function suspiciousSizeFinding(ctx: AnalysisContext, sizeMm: Vec3): Finding | null {
  const largest = Math.max(...sizeMm);
  if (largest <= 0 || (largest >= SMALLEST_PLAUSIBLE_MM && largest <= LARGEST_PLAUSIBLE_MM)) return null;
  const current = MM_PER_UNIT[ctx.unit];
  const rawLargest = largest / current;
  const choices: UnitOverride[] = ['mm', 'cm', 'in', 'm'];
  let suggestion: UnitOverride | null = null;
  for (const unit of largest < SMALLEST_PLAUSIBLE_MM ? ['in', 'cm', 'm'] as UnitOverride[] : ['mm', 'cm', 'in'] as UnitOverride[]) {
    const asMm = rawLargest * MM_PER_UNIT[unit];
    if (unit !== ctx.unit && asMm >= 5 && asMm <= 1000) {
      suggestion = unit;
      break;
    }
  }
  if (!suggestion) suggestion = choices.find((u) => u !== ctx.unit && rawLargest * MM_PER_UNIT[u] >= SMALLEST_PLAUSIBLE_MM && rawLargest * MM_PER_UNIT[u] <= LARGEST_PLAUSIBLE_MM) ?? null;
  const size = formatDims(sizeMm);
  const tooSmall = largest < SMALLEST_PLAUSIBLE_MM;
  const reading = `${UNIT_NAMES[ctx.unit]}${ctx.unitDeclared ? ' (as the file declares)' : ''}`;
  const hint = suggestion
    ? ` If the model was drawn in ${UNIT_NAMES[suggestion]}, it would be ${formatDims(sizeMm.map((v) => (v / current) * MM_PER_UNIT[suggestion as UnitOverride]) as Vec3)}: choose units "${suggestion}".`
    : '';
  return {
    code: 'SUSPICIOUS_SIZE',
    severity: ctx.unitDeclared ? 'info' : 'warning',
    message: `Read in ${reading}, the part is ${size} — ${tooSmall ? 'unusually small' : 'unusually large'} for a manufactured part.${hint}`,
    details: suggestion ? { largestDimensionMm: largest, suggestedUnits: suggestion } : { largestDimensionMm: largest },
  };
}

/** Compares the part with the build volume, allowing any orientation (oriented box, sorted dimensions). */
export function envelopeFinding(ctx: AnalysisContext, aabbMm: Vec3): Finding | null {
  const envelope = [...ctx.rules.envelopeMm].sort((a, b) => b - a);
  if (!envelope.every(Number.isFinite)) return null;
  const obb = [...ctx.obbMm.size].sort((a, b) => b - a);
  const aabb = [...aabbMm].sort((a, b) => b - a);
  const machine = ctx.process ? `the ${PROCESS_NAMES[ctx.process]} build volume` : 'the build volume';
  if (obb.some((v, i) => v > envelope[i])) {
    return {
      code: 'EXCEEDS_BUILD_ENVELOPE',
      severity: 'error',
      message: `The part (${formatDims(obb as Vec3)} at its tightest orientation) does not fit ${machine} of ${formatDims(envelope as Vec3)} in any orientation. Split it into pieces or choose a larger machine.`,
      details: { envelope: envelope.join('x'), part: obb.map((v) => Number(v.toFixed(2))).join('x') },
    };
  }
  if (aabb.some((v, i) => v > envelope[i])) {
    return {
      code: 'EXCEEDS_BUILD_ENVELOPE',
      severity: 'warning',
      message: `As modelled (${formatDims(aabbMm)}) the part does not fit ${machine} of ${formatDims(envelope as Vec3)}, but it fits when rotated to its tightest orientation (${formatDims(obb as Vec3)}). Expect it to be reoriented on the machine.`,
      details: { envelope: envelope.join('x'), part: obb.map((v) => Number(v.toFixed(2))).join('x') },
    };
  }
  return null;
}

/**
 * Bodies smaller than the process can resolve, and a part thinner overall than the minimum feature. Needs
 * `solid.shellBox` when there is more than one shell (`FaceSweepOptions.shellBoxes`).
 */
export function tinyFeaturesFinding(ctx: AnalysisContext): Finding | null {
  const { topology, solid, scale, rules } = ctx;
  const shells = topology.shellCount;
  // with several shells the solid-properties sweep collected their boxes; one shell's box is the part's box
  const box = shells > 1 ? (solid.shellBox as Float64Array) : new Float64Array([...ctx.min, ...ctx.max]);
  const limit = rules.minFeatureMm / scale;
  const tiny = new LocationAccumulator();
  let smallest = Infinity;
  for (let s = 0; s < shells; s++) {
    const largest = Math.max(box[s * 6 + 3] - box[s * 6], box[s * 6 + 4] - box[s * 6 + 1], box[s * 6 + 5] - box[s * 6 + 2]);
    if (largest < limit) {
      tiny.add(box[s * 6], box[s * 6 + 1], box[s * 6 + 2]);
      tiny.add(box[s * 6 + 3], box[s * 6 + 4], box[s * 6 + 5]);
      smallest = Math.min(smallest, largest);
    }
  }
  const process = ctx.process ? PROCESS_NAMES[ctx.process] : 'most processes';
  if (tiny.count > 0) {
    const bodies = tiny.count / 2;
    return {
      code: 'TINY_FEATURES',
      severity: 'warning',
      message: `${formatCount(bodies)} bod${bodies === 1 ? 'y is' : 'ies are'} smaller than ${formatMm(rules.minFeatureMm)}, the smallest feature ${process} can make (smallest: ${formatMm(smallest * scale)}). Remove or enlarge them; they will be lost or break off.`,
      location: tiny.toLocation(scale, false),
      details: { bodies, minFeatureMm: rules.minFeatureMm },
    };
  }
  const thinnest = Math.min(...ctx.obbMm.size);
  if (thinnest < rules.minFeatureMm && thinnest > 0) {
    return {
      code: 'TINY_FEATURES',
      severity: 'warning',
      message: `The whole part is only ${formatMm(thinnest)} thick at its thinnest, below the ${formatMm(rules.minFeatureMm)} minimum feature for ${process}.`,
      details: { thinnestMm: thinnest, minFeatureMm: rules.minFeatureMm },
    };
  }
  return null;
}

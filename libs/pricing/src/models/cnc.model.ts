import { hasFinding } from '../geometry-measures';
import type { ConfidenceReason } from '../pricing.types';
import { fmtDims } from './additive.model';
import { hoursAt, massKg, round2, type ModelContext, type ModelOutcome } from './model.types';

/** A round part's oriented box has two near-equal sides; its volume then fits inside the inscribed cylinder. */
const ROUND_SECTION_RATIO = 0.93;
/** Walls and features below the process minimum need small tools at low feeds. */
const SMALL_FEATURE_MULTIPLIER = 1.25;

/**
 * CNC machining: stock is the oriented box (milling) or the enclosing bar (turning) plus allowance; roughing
 * removes stock − part at the removal rate, finishing passes cover the surface; both scale with
 * machinability^-exponent. Setups are the directions the part must be approached from, estimated from shape
 * (see `estimateSetups`). Setup and programming are per order; cycle time falls with batch size (learning).
 */
export function cncModel(ctx: ModelContext): ModelOutcome {
  const { part, process, material, geometry } = ctx;
  const p = process.cnc!;
  const [a, b, c] = part.dims;
  const t = p.stockAllowanceMm;
  const confidence: ConfidenceReason[] = [];

  let stockMm3: number;
  let stockLabel: string;
  if (p.kind === 'turning') {
    const section = roundSection(part.dims);
    if (!section) {
      return { ok: false, reasons: [{ code: 'NOT_TURNABLE', message: `The part (${fmtDims(part.dims)} mm) has no round cross-section (no two oriented-box sides within ${Math.round((1 - ROUND_SECTION_RATIO) * 100)} %, or it fills more than a cylinder), so it cannot be turned. Choose CNC milling.` }] };
    }
    const cylinderMm3 = (Math.PI / 4) * section.diameter ** 2 * section.length;
    if (part.volumeMm3 > cylinderMm3 * 1.02) {
      return { ok: false, reasons: [{ code: 'NOT_TURNABLE', message: `The part's volume (${round2(part.volumeMm3 / 1000)} cm³) exceeds the cylinder of Ø${round2(section.diameter)} × ${round2(section.length)} mm around it: it is square in section, not round. Choose CNC milling.` }] };
    }
    const d = section.diameter + 2 * t;
    const length = section.length + 2 * t + 3; // + parting-off width
    stockMm3 = (Math.PI / 4) * d * d * length;
    stockLabel = `bar Ø${round2(d)} × ${round2(length)} mm`;
    if (part.areaRatio > 1.6) confidence.push({ code: 'TURNED_SHAPE_UNCERTAIN', message: 'The part has much more surface than a plain turned part; cross-holes or flats may need milling operations not priced here.', factor: 0.85 });
  } else {
    const stock = [a + 2 * t, b + 2 * t, c + 2 * t];
    stockMm3 = stock[0] * stock[1] * stock[2];
    stockLabel = `block ${fmtDims(stock)} mm`;
  }

  const speed = Math.pow(material.machinability, p.machinabilityExponent);
  const smallFeatures = hasFinding(geometry, 'THIN_WALL') || hasFinding(geometry, 'TINY_FEATURES');
  const removedMm3 = Math.max(0, stockMm3 - part.volumeMm3);
  const roughingMin = removedMm3 / 1000 / (p.roughingCm3PerMin * speed);
  const finishingMin = (part.areaMm2 / 100 / (p.finishingCm2PerMin * speed)) * (smallFeatures ? SMALL_FEATURE_MULTIPLIER : 1);
  const setups = estimateSetups(p.kind, part.areaRatio, c / a);
  const handlingMin = setups * p.handlingMinPerSetup;
  const programmingFactor = Math.min(3, Math.max(1, part.areaRatio));
  if (part.areaRatio > 3) confidence.push({ code: 'COMPLEX_GEOMETRY', message: `The part has ${round2(part.areaRatio)}× the surface of its bounding box (deep pockets, many features); machining time is less certain.`, factor: 0.85 });

  const cycleMinAt = (q: number) => (roughingMin + finishingMin) * batchFactor(q, p.batchLearning) + handlingMin;
  const stockKg = massKg(stockMm3, material.densityGPerCm3);
  const materialPerPart = stockKg * ctx.materialMinorPerKg;
  const setupHours = setups * process.setupHours + process.programmingHours * programmingFactor;

  return {
    ok: true,
    model: {
      costs: (q) => {
        const hours = (cycleMinAt(q) / 60) * q;
        return {
          material: materialPerPart * q,
          machineTime: hoursAt(hours, process.machineRateMinorPerHour),
          setup: hoursAt(setupHours, process.machineRateMinorPerHour),
          postProcessing: p.postPerPartMinor * q,
          tooling: 0,
          machineHours: hours,
        };
      },
      partMassKg: massKg(part.volumeMm3, material.densityGPerCm3),
      consumedMassKgPerPart: stockKg,
      model: {
        stock: stockLabel,
        stockKg: round2(stockKg * 1000) / 1000,
        removedCm3: round2(removedMm3 / 1000),
        setups,
        roughingMinPerPart: round2(roughingMin),
        finishingMinPerPart: round2(finishingMin),
        handlingMinPerPart: round2(handlingMin),
        cycleMinAtQty1: round2(cycleMinAt(1)),
        setupAndProgrammingHours: round2(setupHours),
      },
      assumptions: [
        `Machined from a ${stockLabel} (${t} mm allowance per side).`,
        `${setups} setup${setups === 1 ? '' : 's'} (estimated from the shape: surface ${round2(part.areaRatio)}× its box, aspect ${round2(c / a)}:1).`,
        `Removal and finishing rates scaled by machinability ${material.machinability} (aluminium 6061 = 1).`,
        ...(smallFeatures ? ['Thin walls or tiny features: finishing time × 1.25 for small tools.'] : []),
      ],
      confidence,
    },
  };
}

/**
 * Directions the part must be approached from. 3-axis: top and bottom always (2); one more when the surface is
 * well above its box's (side features: areaRatio > 1.6), another when heavily featured (> 2.4), another for
 * long slender parts (aspect > 8: re-clamping). 5-axis reaches five sides at once: 1, or 2 when heavily
 * featured. Turning: one operation, plus a second (flip) when there is surface beyond a plain cylinder.
 */
export function estimateSetups(kind: 'milling3' | 'milling5' | 'turning', areaRatio: number, aspect: number): number {
  if (kind === 'turning') return areaRatio > 1.3 ? 2 : 1;
  if (kind === 'milling5') return areaRatio > 2.4 ? 2 : 1;
  return Math.min(6, 2 + (areaRatio > 1.6 ? 1 : 0) + (areaRatio > 2.4 ? 1 : 0) + (aspect > 8 ? 1 : 0));
}

function batchFactor(q: number, learning: { perDecade: number; floor: number }): number {
  return Math.max(learning.floor, 1 - learning.perDecade * Math.log10(q));
}

/** The near-square pair of the oriented box is the turned section; the remaining side is the length. */
function roundSection(dims: [number, number, number]): { diameter: number; length: number } | null {
  const [a, b, c] = dims;
  const pairs = [
    { ratio: a / b, diameter: b, length: c },
    { ratio: b / c, diameter: c, length: a },
  ].filter((x) => x.ratio >= ROUND_SECTION_RATIO);
  if (pairs.length === 0) return null;
  pairs.sort((x, y) => y.ratio - x.ratio);
  return { diameter: pairs[0].diameter, length: pairs[0].length };
}

import type { ConfidenceReason } from '../pricing.types';
import { fmtDims } from './additive.model';
import { hoursAt, massKg, round2, type ModelContext, type ModelOutcome } from './model.types';

/** A flat plate is thin against its planform: thinnest side ≤ 20 % of the middle one. */
const FLAT_ASPECT = 0.2;
/** …and solid through: mean wall (volume / half area) ≥ 70 % of the thinnest side (no pockets or ribs). */
const FLAT_SOLIDITY = 0.7;
/** A formed part is mostly air inside its box. */
const BENT_MAX_FILL = 0.35;
/** The measured thickness must be within this of a stocked gauge. */
const GAUGE_TOLERANCE = 0.12;
/** Mean perimeter of a cut-out (≈ a Ø6.4 mm clearance hole for M6): turns extra cut length into pierces. */
const MEAN_CUTOUT_PERIMETER_MM = 20;

/**
 * Sheet metal: laser-cut blank plus press-brake bends. Only plates of constant thickness qualify:
 *  - flat: thinnest oriented side ≤ 20 % of the middle side and volume/(area/2) ≥ 70 % of it; thickness = that side;
 *  - formed: fill ≤ 35 % of the box; thickness = volume/(area/2) (exact for a shell of constant thickness, less
 *    the edges), bends estimated from how much flat area is folded into the box.
 * The thickness must be a stocked gauge (±12 %). Flat area = volume / thickness; cut length = edge area /
 * thickness; pierces = 1 + extra cut length over the outline / 20 mm.
 */
export function sheetModel(ctx: ModelContext): ModelOutcome {
  const { part, process, material } = ctx;
  const p = process.sheet!;
  const [a, b, c] = part.dims;
  const confidence: ConfidenceReason[] = [];

  const flat = a <= FLAT_ASPECT * b && part.meanWallMm >= FLAT_SOLIDITY * a;
  const formed = !flat && part.fill <= BENT_MAX_FILL;
  if (!flat && !formed) {
    return {
      ok: false,
      reasons: [{ code: 'NOT_SHEET_METAL', message: `The part (${fmtDims(part.dims)} mm, mean wall ${round2(part.meanWallMm)} mm, ${Math.round(part.fill * 100)} % of its box) is neither a flat plate nor a formed sheet of constant thickness. Choose CNC milling or another process.` }],
    };
  }
  const measured = flat ? a : part.meanWallMm;
  const gauge = p.gaugesMm.reduce((best, g) => (Math.abs(g - measured) < Math.abs(best - measured) ? g : best), p.gaugesMm[0]);
  if (Math.abs(gauge - measured) / gauge > GAUGE_TOLERANCE) {
    return {
      ok: false,
      reasons: [{ code: 'NO_SHEET_GAUGE', message: `The sheet is about ${round2(measured)} mm thick; the nearest stocked gauge is ${gauge} mm (stocked: ${p.gaugesMm.join(', ')} mm). Change the thickness to a stocked gauge.` }],
    };
  }
  const thickness = gauge;
  if (!flat) confidence.push({ code: 'SHEET_THICKNESS_UNCERTAIN', message: `Thickness ${round2(measured)} mm was inferred from volume and area for a formed part and rounded to the ${gauge} mm gauge.`, factor: 0.85 });

  const flatAreaMm2 = part.volumeMm3 / thickness;
  const edgeAreaMm2 = Math.max(0, part.areaMm2 - 2 * flatAreaMm2);
  const outline = flat ? 2 * (b + c) : 2 * (flatAreaMm2 / c + c);
  const cutLengthMm = Math.max(outline, edgeAreaMm2 / thickness);
  const pierces = 1 + Math.max(0, Math.round((cutLengthMm - outline) / MEAN_CUTOUT_PERIMETER_MM));
  const bends = flat ? 0 : Math.min(8, Math.max(1, Math.round((flatAreaMm2 / (b * c) - 1) * 1.5)));
  if (bends > 0) confidence.push({ code: 'SHEET_BENDS_ESTIMATED', message: `${bends} bend${bends === 1 ? '' : 's'} estimated from the folded area; the bend count is not measured.`, factor: 0.9 });

  const cutSpeed = (p.cutMmPerMinAt1Mm * (material.laserCutFactor ?? 1)) / thickness;
  const cutMin = cutLengthMm / cutSpeed + (pierces * p.pierceSeconds) / 60;
  const bendMin = bends * p.bendMinPerBend;
  const hoursPerPart = (cutMin + bendMin) / 60;
  const blankKg = massKg(flatAreaMm2 * thickness, material.densityGPerCm3) / p.sheetUtilisation;
  const setupHours = process.setupHours + process.programmingHours + (bends * p.bendSetupMinPerBend) / 60;

  return {
    ok: true,
    model: {
      costs: (q) => ({
        material: blankKg * ctx.materialMinorPerKg * q,
        machineTime: hoursAt(hoursPerPart * q, process.machineRateMinorPerHour),
        setup: hoursAt(setupHours, process.machineRateMinorPerHour),
        postProcessing: p.postPerPartMinor * q,
        tooling: 0,
        machineHours: hoursPerPart * q,
      }),
      partMassKg: massKg(part.volumeMm3, material.densityGPerCm3),
      consumedMassKgPerPart: blankKg,
      model: {
        shape: flat ? 'flat plate' : 'formed sheet',
        thicknessMm: thickness,
        flatAreaCm2: round2(flatAreaMm2 / 100),
        cutLengthMm: round2(cutLengthMm),
        pierces,
        bends,
        cutMinPerPart: round2(cutMin),
        bendMinPerPart: round2(bendMin),
      },
      assumptions: [
        `${flat ? 'Flat plate' : 'Formed sheet'} of ${thickness} mm gauge, ${round2(flatAreaMm2 / 100)} cm² blank, nested at ${Math.round(p.sheetUtilisation * 100)} % sheet utilisation.`,
        `${round2(cutLengthMm)} mm of laser cut with ${pierces} pierce${pierces === 1 ? '' : 's'}${bends ? `, ${bends} bend${bends === 1 ? '' : 's'} on the press brake (billed at the same rate)` : ''}.`,
      ],
      confidence,
    },
  };
}

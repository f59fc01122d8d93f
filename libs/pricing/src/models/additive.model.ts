import type { Vec3 } from '@partsmith/geometry';
import { hoursAt, massKg, round2, type CostModel, type ModelContext, type ModelOutcome } from './model.types';

/** Share of the surface assumed to need support when no OVERHANG finding is available, scaled by (1 − fill). */
const HEURISTIC_OVERHANG_SHARE = 0.15;

/**
 * Additive processes. The part is built "flat": its thinnest oriented-box dimension vertical, which minimises
 * build height (layers) and, for prismatic parts, puts the largest face on the plate (least support). Builds
 * are shared with other orders, as bureaus do, so each part pays its share of the build: by plate area (FDM,
 * SLA, DMLS) or by packed volume (SLS, MJF).
 */
export function additiveModel(ctx: ModelContext): ModelOutcome {
  const { part, process, material } = ctx;
  const p = process.additive!;
  const env = process.envelopeMm;
  const orientation = chooseOrientation(part.dims, env);
  if (!orientation) {
    return { ok: false, reasons: [{ code: 'EXCEEDS_ENVELOPE', message: `The part (${fmtDims(part.dims)} mm) does not fit the ${process.name} build volume of ${fmtDims(env)} mm in any orientation.` }] };
  }
  const [height, w1, w2] = orientation;
  const s = p.spacingMm;

  let supportAreaMm2 = 0;
  let supportSource = 'none';
  if (p.needsSupports) {
    if (part.overhangAreaMm2 !== null) {
      supportAreaMm2 = part.overhangAreaMm2;
      supportSource = 'OVERHANG finding';
    } else {
      supportAreaMm2 = HEURISTIC_OVERHANG_SHARE * part.areaMm2 * (1 - part.fill);
      supportSource = 'estimated from fill';
    }
  }
  const supportVolumeMm3 = supportAreaMm2 * (height / 2) * p.supportDensity;

  let printedVolumeMm3 = part.volumeMm3;
  if (p.kind === 'extrusion') {
    const shell = Math.min(part.volumeMm3, part.areaMm2 * (p.shellMm ?? 1.2));
    printedVolumeMm3 = shell + (part.volumeMm3 - shell) * (p.infill ?? 1);
  }

  let buildShare: number;
  let heightHours: number;
  let partsPerBuild: number;
  if (p.kind === 'powder_bed') {
    const boxMm3 = (height + s) * (w1 + s) * (w2 + s);
    const usable = env[0] * env[1] * env[2] * p.packingDensity;
    buildShare = Math.min(1, boxMm3 / usable);
    partsPerBuild = Math.max(1, Math.floor(usable / boxMm3));
    heightHours = env[2] / p.verticalMmPerHour; // a full build's duration
  } else {
    const footprint = (w1 + s) * (w2 + s);
    const usable = env[0] * env[1] * p.packingDensity;
    buildShare = Math.min(1, footprint / usable);
    partsPerBuild = Math.max(1, Math.floor(usable / footprint));
    heightHours = p.verticalMmPerHour > 0 ? height / p.verticalMmPerHour : 0;
  }
  const volumeHours = p.volumeRateCm3PerHour > 0 ? (printedVolumeMm3 + supportVolumeMm3) / 1000 / p.volumeRateCm3PerHour : 0;
  const hoursPerPart = volumeHours + heightHours * buildShare;

  const partMassKg = massKg(part.volumeMm3, material.densityGPerCm3);
  const consumedMassKgPerPart = massKg(printedVolumeMm3 + supportVolumeMm3, material.densityGPerCm3) * p.materialWasteFactor;
  const materialPerPart = consumedMassKgPerPart * ctx.materialMinorPerKg;
  const postPerPart = p.postPerPartMinor + (supportAreaMm2 / 100) * p.postPerSupportCm2Minor + p.perBuildMinor * buildShare;
  const setup = hoursAt(process.setupHours + process.programmingHours, process.machineRateMinorPerHour);

  const model: CostModel = {
    costs: (q) => ({
      material: materialPerPart * q,
      machineTime: hoursAt(hoursPerPart * q, process.machineRateMinorPerHour),
      setup,
      postProcessing: postPerPart * q,
      tooling: 0,
      machineHours: hoursPerPart * q,
    }),
    partMassKg,
    consumedMassKgPerPart,
    model: {
      orientation: `${fmtDims([w1, w2, height])} mm (thinnest dimension vertical)`,
      buildHeightMm: round2(height),
      partsPerBuild,
      buildShare: Math.round(buildShare * 10_000) / 10_000,
      supportAreaCm2: round2(supportAreaMm2 / 100),
      supportVolumeCm3: round2(supportVolumeMm3 / 1000),
      supportSource,
      printedVolumeCm3: round2(printedVolumeMm3 / 1000),
      machineHoursPerPart: round2(hoursPerPart),
    },
    assumptions: [
      `Built with its thinnest dimension (${round2(height)} mm) vertical: least build height${p.needsSupports ? ' and, for prismatic parts, least support' : ''}.`,
      p.kind === 'powder_bed'
        ? `Nested in shared builds at ${Math.round(p.packingDensity * 100)} % packing: up to ${partsPerBuild} per build; each part pays ${(buildShare * 100).toFixed(2)} % of a build.`
        : `Nested on shared plates at ${Math.round(p.packingDensity * 100)} % of the plate: up to ${partsPerBuild} per plate.`,
      ...(p.kind === 'extrusion' ? [`Printed with ${p.shellMm ?? 1.2} mm walls and ${Math.round((p.infill ?? 1) * 100)} % infill.`] : []),
      ...(p.needsSupports ? [`Support under ${round2(supportAreaMm2 / 100)} cm² of overhang (${supportSource}), ${Math.round(p.supportDensity * 100)} % dense.`] : []),
    ],
    confidence: p.needsSupports && part.overhangAreaMm2 === null
      ? [{ code: 'SUPPORT_ESTIMATED', message: 'No overhang analysis came with the geometry, so support was estimated from the shape.', factor: 0.95 }]
      : [],
  };
  return { ok: true, model };
}

/** Lowest build height for which the other two dimensions fit the plate and the height fits the envelope. */
function chooseOrientation(dims: [number, number, number], env: Vec3): [number, number, number] | null {
  const [plateA, plateB] = [Math.max(env[0], env[1]), Math.min(env[0], env[1])];
  const candidates: Array<[number, number, number]> = [
    [dims[0], dims[1], dims[2]],
    [dims[1], dims[0], dims[2]],
    [dims[2], dims[0], dims[1]],
  ];
  for (const [h, x, y] of candidates) {
    const [long, short] = x > y ? [x, y] : [y, x];
    if (h <= env[2] && long <= plateA && short <= plateB) return [h, x, y];
  }
  return null;
}

export function fmtDims(d: readonly number[]): string {
  return d.map((v) => (Math.round(v * 10) / 10).toString()).join(' × ');
}

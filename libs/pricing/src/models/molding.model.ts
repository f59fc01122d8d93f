import { hoursAt, massKg, round2, type ModelContext, type ModelOutcome } from './model.types';

/** Share of the box's largest face taken as the projected area in the pull direction. */
const PROJECTED_SHARE = 0.8;

/**
 * Injection moulding and urethane casting. The tool costs base + projected area + depth, × a complexity factor
 * from surface/box area and mesh detail; more cavities cost more tool but less cycle. For every quantity the
 * cheapest cavity count is used, so the unit price never rises with quantity. A tool lasts `toolLifeShots`;
 * beyond that its wear is charged per shot (silicone moulds: ~20 casts). Cycle = base + cooling ∝ wall².
 */
export function moldingModel(ctx: ModelContext): ModelOutcome {
  const { part, process, material, geometry } = ctx;
  const p = process.molding!;
  const [depth, b, c] = part.dims;
  const projectedCm2 = (b * c * PROJECTED_SHARE) / 100;
  const wallMm = Math.min(10, Math.max(0.5, part.meanWallMm));
  const complexity = Math.min(3, 1 + 0.5 * Math.max(0, part.areaRatio - 0.8) + 0.05 * Math.max(0, Math.log10(Math.max(1, geometry.triangles)) - 3));
  const singleCavityTool = (p.toolBaseMinor + p.toolPerCm2Minor * projectedCm2 + p.toolPerMmDepthMinor * depth) * complexity;
  const cycleSeconds = p.cycleBaseSeconds + p.coolingSecondsPerMm2 * wallMm * wallMm;

  const option = (cavities: number, q: number, machineTimeFactor: number) => {
    const tool = singleCavityTool * (1 + p.extraCavityToolShare * (cavities - 1));
    const tooling = tool * Math.max(1, q / (p.toolLifeShots * cavities)) + p.masterMinor;
    const hours = ((cycleSeconds / cavities) * q) / 3600;
    return { cavities, tool, tooling, hours, total: tooling + hoursAt(hours, process.machineRateMinorPerHour) * machineTimeFactor };
  };
  const best = (q: number, machineTimeFactor = 1) => p.cavityOptions.map((k) => option(k, q, machineTimeFactor)).reduce((x, y) => (y.total < x.total ? y : x));

  const partKg = massKg(part.volumeMm3, material.densityGPerCm3);
  const shotKg = partKg * (1 + p.runnerFraction);
  const setupHours = process.setupHours + process.programmingHours;
  const first = best(1);
  return {
    ok: true,
    model: {
      costs: (q, machineTimeFactor = 1) => {
        const o = best(q, machineTimeFactor);
        return {
          material: shotKg * ctx.materialMinorPerKg * q,
          machineTime: hoursAt(o.hours, process.machineRateMinorPerHour),
          setup: hoursAt(setupHours, process.machineRateMinorPerHour),
          postProcessing: p.postPerPartMinor * q,
          tooling: o.tooling,
          machineHours: o.hours,
        };
      },
      partMassKg: partKg,
      consumedMassKgPerPart: shotKg,
      model: {
        toolKind: p.kind === 'injection' ? 'aluminium mould' : 'silicone mould from an SLA master',
        singleCavityToolMinor: Math.round(singleCavityTool),
        toolComplexity: round2(complexity),
        projectedAreaCm2: round2(projectedCm2),
        meanWallMm: round2(wallMm),
        cycleSeconds: round2(cycleSeconds),
        cavitiesAtQty1: first.cavities,
        toolLifeShots: p.toolLifeShots,
      },
      assumptions: [
        `Tool: ${p.kind === 'injection' ? 'aluminium mould' : 'silicone mould'} for ${round2(projectedCm2)} cm² projected area and ${round2(depth)} mm depth, complexity × ${round2(complexity)}; lasts ${p.toolLifeShots.toLocaleString('en-US')} shots, wear beyond that is charged per shot.`,
        `Cycle ${round2(cycleSeconds)} s per shot for a ${round2(wallMm)} mm mean wall; cavities chosen per quantity from ${p.cavityOptions.join(', ')}.`,
        ...(p.masterMinor > 0 ? [`One master pattern at ${p.masterMinor / 100} ${ctx.catalog.currency}.`] : []),
      ],
      confidence: [],
    },
  };
}

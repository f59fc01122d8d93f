import type { PricingGeometry } from './pricing.types';
import { PricingError } from './pricing.errors';

/** Derived figures every cost model uses. Lengths mm, areas mm², volumes mm³. */
export interface PartMeasures {
  /** Oriented-box dimensions sorted ascending: [thinnest, middle, longest]. */
  dims: [number, number, number];
  volumeMm3: number;
  areaMm2: number;
  obbVolumeMm3: number;
  obbAreaMm2: number;
  /** Surface area relative to the oriented box's: ≈1 for a block, higher for ribs, pockets and holes. */
  areaRatio: number;
  /** Volume relative to the oriented box's: 1 for a block, low for thin-walled or skeletal parts. */
  fill: number;
  /** Mean wall thickness if the part were a shell of constant thickness: volume / (area / 2), mm. */
  meanWallMm: number;
  /** Downward area needing support from OVERHANG findings (modelled orientation), or null when there is none. */
  overhangAreaMm2: number | null;
}

export function measurePart(geometry: PricingGeometry): PartMeasures {
  const { volumeMm3, surfaceAreaMm2, obb } = geometry;
  const size = obb?.size;
  if (!size || size.length !== 3 || !size.every((v) => Number.isFinite(v) && v >= 0)) {
    throw new PricingError('INVALID_GEOMETRY', `The oriented box size ${JSON.stringify(size)} is not three non-negative finite numbers; pass the geometry report's obb.`);
  }
  if (!Number.isFinite(volumeMm3) || !Number.isFinite(surfaceAreaMm2) || surfaceAreaMm2 < 0) {
    throw new PricingError('INVALID_GEOMETRY', `Volume ${volumeMm3} mm³ and area ${surfaceAreaMm2} mm² must be finite and non-negative.`);
  }
  if (volumeMm3 <= 0 || surfaceAreaMm2 <= 0 || Math.min(...size) <= 0) {
    throw new PricingError('ZERO_VOLUME', 'The part encloses no volume (the mesh is open or flat), so it cannot be priced. Close the mesh (make it watertight) and upload it again.');
  }
  const dims = [...size].sort((a, b) => a - b) as [number, number, number];
  const [a, b, c] = dims;
  const obbVolumeMm3 = a * b * c;
  const obbAreaMm2 = 2 * (a * b + b * c + a * c);
  const overhangs = geometry.findings.filter((f) => f.code === 'OVERHANG');
  const overhangAreaMm2 = overhangs.length ? overhangs.reduce((s, f) => s + (f.location?.areaMm2 ?? 0), 0) : null;
  return {
    dims,
    volumeMm3,
    areaMm2: surfaceAreaMm2,
    obbVolumeMm3,
    obbAreaMm2,
    areaRatio: surfaceAreaMm2 / obbAreaMm2,
    fill: Math.min(1, volumeMm3 / obbVolumeMm3),
    meanWallMm: volumeMm3 / (surfaceAreaMm2 / 2),
    overhangAreaMm2,
  };
}

export function hasFinding(geometry: PricingGeometry, code: PricingGeometry['findings'][number]['code']): boolean {
  return geometry.findings.some((f) => f.code === code);
}

import type { Vec3 } from '@partsmith/geometry';
import type { PricingGeometry } from '../pricing.types';

/** Analytic part geometries (exact volume and area) for the pricing specs. */
function report(volumeMm3: number, surfaceAreaMm2: number, size: Vec3, triangles: number, extra: Partial<PricingGeometry> = {}): PricingGeometry {
  return { volumeMm3, surfaceAreaMm2, bbox: { size }, obb: { size }, triangles, shells: 1, watertight: true, nonManifoldEdges: 0, findings: [], ...extra };
}

export function box(x: number, y: number, z: number, extra: Partial<PricingGeometry> = {}): PricingGeometry {
  return report(x * y * z, 2 * (x * y + y * z + x * z), [x, y, z], 12, extra);
}

/** A block with one rectangular pocket from the top (a typical milled bracket/housing). */
export function pocketedBlock(x: number, y: number, z: number, pocket: { x: number; y: number; depth: number }, extra: Partial<PricingGeometry> = {}): PricingGeometry {
  const volume = x * y * z - pocket.x * pocket.y * pocket.depth;
  const area = 2 * (x * y + y * z + x * z) + 2 * (pocket.x + pocket.y) * pocket.depth;
  return report(volume, area, [x, y, z], 28, extra);
}

/** Flat plate with round through-holes. */
export function plate(x: number, y: number, t: number, holes = 0, holeDiameter = 6): PricingGeometry {
  const holeArea = holes * Math.PI * holeDiameter ** 2 / 4;
  return report((x * y - holeArea) * t, 2 * (x * y - holeArea) + 2 * (x + y) * t + holes * Math.PI * holeDiameter * t, [x, y, t], 12 + holes * 64);
}

/** Sheet bent into an L: legs `a` and `b` (outside), width `w`, thickness `t`. */
export function lBracket(w: number, a: number, b: number, t: number): PricingGeometry {
  const flat = (a + b - t) * w;
  return report(flat * t, 2 * flat + 2 * (a + b - t) * t + 2 * w * t, [w, a, b], 20);
}

export function cylinder(diameter: number, length: number): PricingGeometry {
  const r = diameter / 2;
  return report(Math.PI * r * r * length, 2 * Math.PI * r * r + 2 * Math.PI * r * length, [length, diameter, diameter], 256);
}

/** Cup-shaped cap: outer Ø, height, uniform wall, open at the bottom. */
export function cap(diameter: number, height: number, wall: number): PricingGeometry {
  const r = diameter / 2;
  const ri = r - wall;
  const volume = Math.PI * (r * r * height - ri * ri * (height - wall));
  const area = Math.PI * r * r + 2 * Math.PI * r * height + Math.PI * ri * ri + 2 * Math.PI * ri * (height - wall) + Math.PI * (r * r - ri * ri);
  return report(volume, area, [diameter, diameter, height], 2_400);
}

/** Uniformly scales a geometry's lengths by `k`. */
export function scaled(g: PricingGeometry, k: number): PricingGeometry {
  const s = (v: Vec3) => v.map((x) => x * k) as Vec3;
  return {
    ...g,
    volumeMm3: g.volumeMm3 * k ** 3,
    surfaceAreaMm2: g.surfaceAreaMm2 * k * k,
    bbox: { size: s(g.bbox.size) },
    obb: { size: s(g.obb.size) },
    findings: g.findings.map((f) => (f.location?.areaMm2 !== undefined ? { ...f, location: { ...f.location, areaMm2: f.location.areaMm2 * k * k } } : f)),
  };
}

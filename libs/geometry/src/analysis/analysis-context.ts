import type { AnalyzeOptions, FindingLocation, LengthUnit, ManufacturingProcess, OrientedBoundingBox, ProcessRules, Vec3 } from '../geometry.types';
import type { SolidProperties } from './solid-properties';
import type { Topology } from './topology';

/** Everything the checks need, computed once. Coordinates are raw (file units); `scale` converts to mm. */
export interface AnalysisContext {
  positions: Float32Array;
  indices: Uint32Array;
  topology: Topology;
  solid: SolidProperties;
  scale: number;
  unit: LengthUnit;
  unitDeclared: boolean;
  min: Vec3;
  max: Vec3;
  obbMm: OrientedBoundingBox;
  process: ManufacturingProcess | undefined;
  rules: ProcessRules;
  options: AnalyzeOptions;
}

const anchors: object[] = [];

/**
 * Keeps one instance of a class that hot functions take as an argument alive for good, and with it the hidden
 * class (map) its instances end up with. Maps are reached from the constructor only through weak transitions:
 * once a full GC finds no instance left (each analysis drops its own), the map is collected, the next analysis
 * makes a new one, and every optimised function that had seen the old one is deoptimised on entry and runs
 * unoptimised until V8 compiles it again — several times over the first analyses of a process.
 */
export function keepShape<T extends object>(instance: T): T {
  anchors.push(instance);
  return instance;
}

/** Collects affected geometry (points with area weights) into a finding location in mm. */
export class LocationAccumulator {
  private readonly min: Vec3 = [Infinity, Infinity, Infinity];
  private readonly max: Vec3 = [-Infinity, -Infinity, -Infinity];
  private readonly sum: Vec3 = [0, 0, 0];
  private weight = 0;
  area = 0;
  count = 0;

  add(x: number, y: number, z: number, area = 0): void {
    if (x < this.min[0]) this.min[0] = x;
    if (y < this.min[1]) this.min[1] = y;
    if (z < this.min[2]) this.min[2] = z;
    if (x > this.max[0]) this.max[0] = x;
    if (y > this.max[1]) this.max[1] = y;
    if (z > this.max[2]) this.max[2] = z;
    const w = area > 0 ? area : 1e-30;
    this.sum[0] += x * w;
    this.sum[1] += y * w;
    this.sum[2] += z * w;
    this.weight += w;
    this.area += area;
    this.count++;
  }

  toLocation(scale: number, withArea: boolean): FindingLocation | undefined {
    if (this.count === 0) return undefined;
    const mm = (v: number): number => round(v * scale);
    const location: FindingLocation = {
      bbox: { min: this.min.map(mm) as Vec3, max: this.max.map(mm) as Vec3 },
      centroidMm: this.sum.map((s) => mm(s / this.weight)) as Vec3,
    };
    if (withArea) location.areaMm2 = round(this.area * scale * scale);
    return location;
  }
}

keepShape(new LocationAccumulator());

/** Six significant digits: enough for any report, and stable in JSON. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(6));
}

export function formatMm(value: number): string {
  if (value >= 100) return `${Math.round(value)} mm`;
  if (value >= 1) return `${Number(value.toFixed(1))} mm`;
  return `${Number(value.toPrecision(2))} mm`;
}

export function formatDims(size: Vec3): string {
  return `${size.map((v) => (v >= 100 ? Math.round(v) : Number(v.toPrecision(3)))).join(' × ')} mm`;
}

import { GeometryParseError, formatCount } from '../geometry.errors';
import type { Vec3 } from '../geometry.types';
import { isBinaryStl } from './stl.parser';

export interface QuickStlMeasures {
  triangles: number;
  /** |Σ signed tetrahedron volumes| in file units³: right for closed, consistently wound meshes only. */
  volume: number;
  area: number;
  min: Vec3;
  max: Vec3;
}

/**
 * One pass over a binary STL with a DataView, no allocation per triangle and no mesh built: triangle count,
 * volume, area and bounding box for an instant estimate (e.g. a first quote while the full analysis runs).
 * It does not weld, check topology, or handle cavities and inside-out shells — use `analyzeMesh` for that.
 */
export function quickBinaryStlMeasures(bytes: Uint8Array): QuickStlMeasures {
  if (!isBinaryStl(bytes)) {
    const declared = bytes.length >= 84 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true) : 0;
    throw new GeometryParseError(
      'STL_SIZE_MISMATCH',
      `Not a binary STL: it declares ${formatCount(declared)} triangles but is ${formatCount(bytes.length)} bytes (84 + 50·n bytes expected).`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const triangles = view.getUint32(80, true);
  let volume6 = 0;
  let area2 = 0;
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  for (let t = 0, o = 96; t < triangles; t++, o += 50) {
    const ax = view.getFloat32(o, true);
    const ay = view.getFloat32(o + 4, true);
    const az = view.getFloat32(o + 8, true);
    const bx = view.getFloat32(o + 12, true);
    const by = view.getFloat32(o + 16, true);
    const bz = view.getFloat32(o + 20, true);
    const cx = view.getFloat32(o + 24, true);
    const cy = view.getFloat32(o + 28, true);
    const cz = view.getFloat32(o + 32, true);
    volume6 += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    const ux = bx - ax;
    const uy = by - ay;
    const uz = bz - az;
    const vx = cx - ax;
    const vy = cy - ay;
    const vz = cz - az;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    area2 += Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (ax < minX) minX = ax;
    if (bx < minX) minX = bx;
    if (cx < minX) minX = cx;
    if (ax > maxX) maxX = ax;
    if (bx > maxX) maxX = bx;
    if (cx > maxX) maxX = cx;
    if (ay < minY) minY = ay;
    if (by < minY) minY = by;
    if (cy < minY) minY = cy;
    if (ay > maxY) maxY = ay;
    if (by > maxY) maxY = by;
    if (cy > maxY) maxY = cy;
    if (az < minZ) minZ = az;
    if (bz < minZ) minZ = bz;
    if (cz < minZ) minZ = cz;
    if (az > maxZ) maxZ = az;
    if (bz > maxZ) maxZ = bz;
    if (cz > maxZ) maxZ = cz;
  }
  if (!Number.isFinite(volume6 + area2)) {
    throw new GeometryParseError('NON_FINITE_COORDINATE', 'The STL has a coordinate that is not a finite number (NaN or infinity); repair or re-export the mesh.');
  }
  return { triangles, volume: Math.abs(volume6) / 6, area: area2 / 2, min: [minX, minY, minZ], max: [maxX, maxY, maxZ] };
}

import { GeometryParseError, formatCount } from '../geometry.errors';
import type { LengthUnit, Mesh, MeshFormat } from '../geometry.types';

/** Hard ceiling on triangles in one mesh: beyond this the typed arrays alone pass 1 GiB. */
export const DEFAULT_MAX_TRIANGLES = 50_000_000;

/** Float32 bits with all exponent bits set: NaN or infinity. */
export const EXPONENT_MASK = 0x7f800000;
export const NEGATIVE_ZERO = 0x80000000 | 0;

const everyVertexUsed = new WeakSet<Mesh>();

/** Parsers that create a vertex only for a corner that uses it say so; analysis then skips compacting. */
export function markEveryVertexUsed(mesh: Mesh): void {
  everyVertexUsed.add(mesh);
}

export function isEveryVertexUsed(mesh: Mesh): boolean {
  return everyVertexUsed.has(mesh);
}

/**
 * Accumulates triangles into an indexed mesh, sharing vertices whose float32 coordinates are bit-identical
 * (the common case for STL, where every corner is written out again). Keys are hashed from the raw bits in an
 * open-addressing table, so no per-vertex objects are created.
 */
export class DedupMeshBuilder {
  private bits: Int32Array;
  private floats: Float32Array;
  private table: Int32Array;
  private mask: number;
  private indices: Uint32Array;
  private vertexCount = 0;
  private indexCount = 0;
  private readonly scratchF = new Float32Array(3);
  private readonly scratchI = new Int32Array(this.scratchF.buffer);

  constructor(
    expectedTriangles: number,
    private readonly maxTriangles = DEFAULT_MAX_TRIANGLES,
  ) {
    const vertices = Math.max(64, Math.ceil(expectedTriangles * 0.6));
    this.bits = new Int32Array(vertices * 3);
    this.floats = new Float32Array(this.bits.buffer);
    this.indices = new Uint32Array(Math.max(48, expectedTriangles * 3));
    // A closed mesh has about half as many vertices as triangles: at twice that the table is at most half full,
    // and it grows when a triangle soup proves the estimate wrong.
    let size = 1024;
    while (size < expectedTriangles) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  private get vertexCapacity(): number {
    return this.bits.length / 3;
  }

  get triangleCount(): number {
    return this.indexCount / 3;
  }

  /** Adds a vertex given as float32 bit patterns; returns its index, or -1 when a coordinate is NaN/∞. */
  addVertexBits(x: number, y: number, z: number): number {
    if ((x & EXPONENT_MASK) === EXPONENT_MASK || (y & EXPONENT_MASK) === EXPONENT_MASK || (z & EXPONENT_MASK) === EXPONENT_MASK) {
      return -1;
    }
    if (x === NEGATIVE_ZERO) x = 0;
    if (y === NEGATIVE_ZERO) y = 0;
    if (z === NEGATIVE_ZERO) z = 0;
    const h = hashBits(x, y, z);
    const table = this.table;
    const bits = this.bits;
    let slot = h & this.mask;
    for (;;) {
      const entry = table[slot];
      if (entry === 0) break;
      const base = (entry - 1) * 3;
      if (bits[base] === x && bits[base + 1] === y && bits[base + 2] === z) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
    const index = this.vertexCount++;
    if (index * 3 + 3 > bits.length) this.growVertices();
    const base = index * 3;
    this.bits[base] = x;
    this.bits[base + 1] = y;
    this.bits[base + 2] = z;
    table[slot] = index + 1;
    if (this.vertexCount * 2 > table.length) this.growTable();
    return index;
  }

  addVertex(x: number, y: number, z: number): number {
    const f = this.scratchF;
    f[0] = x;
    f[1] = y;
    f[2] = z;
    const u = this.scratchI;
    return this.addVertexBits(u[0], u[1], u[2]);
  }

  addTriangle(a: number, b: number, c: number): void {
    if (this.indexCount + 3 > this.indices.length) {
      if (this.indexCount / 3 >= this.maxTriangles) {
        throw new GeometryParseError(
          'TOO_MANY_TRIANGLES',
          `The mesh has more than ${formatCount(this.maxTriangles)} triangles, the most Partsmith analyses; decimate it in your CAD tool and upload again.`,
        );
      }
      const grown = new Uint32Array(Math.min(this.indices.length * 2, this.maxTriangles * 3 + 3));
      grown.set(this.indices);
      this.indices = grown;
    }
    const i = this.indexCount;
    this.indices[i] = a;
    this.indices[i + 1] = b;
    this.indices[i + 2] = c;
    this.indexCount = i + 3;
  }

  build(format: MeshFormat, declaredUnit: LengthUnit | null, notes: string[] = []): Mesh {
    return {
      format,
      // a view when little of the buffer is spare: a copy would hold both until the next collection
      positions: this.vertexCount * 4 >= this.vertexCapacity * 3 ? this.floats.subarray(0, this.vertexCount * 3) : this.floats.slice(0, this.vertexCount * 3),
      indices: this.indices.length === this.indexCount ? this.indices : this.indices.slice(0, this.indexCount),
      declaredUnit,
      notes,
    };
  }

  private growVertices(): void {
    const grown = new Int32Array(this.bits.length * 2);
    grown.set(this.bits);
    this.bits = grown;
    this.floats = new Float32Array(grown.buffer);
  }

  private growTable(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    const bits = this.bits;
    for (let v = 0; v < this.vertexCount; v++) {
      const x = bits[v * 3];
      const y = bits[v * 3 + 1];
      const z = bits[v * 3 + 2];
      let slot = hashBits(x, y, z) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = v + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * Mixes three 32-bit patterns (murmur3's finaliser): round coordinates have long runs of zero mantissa bits,
 * which a plain multiply leaves in the low bits the table indexes by.
 */
export function hashBits(x: number, y: number, z: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y ^ (y >>> 16), 0x85ebca77) ^ Math.imul(z ^ (z >>> 13), 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Growable float/uint arrays for formats that come indexed already (OBJ, 3MF). */
export class GrowableFloat32 {
  data: Float32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float32Array(capacity);
  }
  push3(x: number, y: number, z: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Float32Array(this.data.length * 2 + 3);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
    this.data[this.length++] = y;
    this.data[this.length++] = z;
  }
  toArray(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableUint32 {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Uint32Array(this.data.length * 2 + 3);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

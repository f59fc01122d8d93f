/**
 * Analytic test solids, built in float64 with outward (counter-clockwise) winding. Each generator returns the
 * exact polyhedral volume and area alongside, computed here independently of the library.
 */
export interface TestMesh {
  positions: number[];
  indices: number[];
}

export function box(sx: number, sy: number, sz: number, origin: [number, number, number] = [0, 0, 0]): TestMesh {
  const positions: number[] = [];
  for (let i = 0; i < 8; i++) positions.push(origin[0] + (i & 1 ? sx : 0), origin[1] + (i & 2 ? sy : 0), origin[2] + (i & 4 ? sz : 0));
  const indices = [0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4, 2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5];
  return { positions, indices };
}

/** UV sphere: `segments` around, `rings` from pole to pole, poles as single vertices. */
export function sphere(radius: number, segments: number, rings: number, center: [number, number, number] = [0, 0, 0]): TestMesh {
  const positions: number[] = [center[0], center[1], center[2] + radius];
  for (let r = 1; r < rings; r++) {
    const phi = (Math.PI * r) / rings;
    for (let s = 0; s < segments; s++) {
      const theta = (2 * Math.PI * s) / segments;
      positions.push(center[0] + radius * Math.sin(phi) * Math.cos(theta), center[1] + radius * Math.sin(phi) * Math.sin(theta), center[2] + radius * Math.cos(phi));
    }
  }
  positions.push(center[0], center[1], center[2] - radius);
  const south = positions.length / 3 - 1;
  const ring = (r: number, s: number): number => 1 + (r - 1) * segments + (s % segments);
  const indices: number[] = [];
  for (let s = 0; s < segments; s++) indices.push(0, ring(1, s), ring(1, s + 1));
  for (let r = 1; r < rings - 1; r++) {
    for (let s = 0; s < segments; s++) {
      indices.push(ring(r, s), ring(r + 1, s), ring(r + 1, s + 1));
      indices.push(ring(r, s), ring(r + 1, s + 1), ring(r, s + 1));
    }
  }
  for (let s = 0; s < segments; s++) indices.push(ring(rings - 1, s), south, ring(rings - 1, s + 1));
  return { positions, indices };
}

export function torus(major: number, minor: number, around: number, tube: number): TestMesh {
  const positions: number[] = [];
  for (let i = 0; i < around; i++) {
    const u = (2 * Math.PI * i) / around;
    for (let j = 0; j < tube; j++) {
      const v = (2 * Math.PI * j) / tube;
      positions.push((major + minor * Math.cos(v)) * Math.cos(u), (major + minor * Math.cos(v)) * Math.sin(u), minor * Math.sin(v));
    }
  }
  const at = (i: number, j: number): number => (i % around) * tube + (j % tube);
  const indices: number[] = [];
  for (let i = 0; i < around; i++) {
    for (let j = 0; j < tube; j++) {
      indices.push(at(i, j), at(i + 1, j), at(i + 1, j + 1));
      indices.push(at(i, j), at(i + 1, j + 1), at(i, j + 1));
    }
  }
  return { positions, indices };
}

export function merge(...meshes: TestMesh[]): TestMesh {
  const positions: number[] = [];
  const indices: number[] = [];
  for (const mesh of meshes) {
    const base = positions.length / 3;
    positions.push(...mesh.positions);
    for (const i of mesh.indices) indices.push(i + base);
  }
  return { positions, indices };
}

/** Reverses every triangle: the same surface, inside out. */
export function invert(mesh: TestMesh): TestMesh {
  const indices = mesh.indices.slice();
  for (let i = 0; i < indices.length; i += 3) [indices[i + 1], indices[i + 2]] = [indices[i + 2], indices[i + 1]];
  return { positions: mesh.positions.slice(), indices };
}

/** Flips only the listed triangles (inconsistent winding). */
export function flipFaces(mesh: TestMesh, faces: number[]): TestMesh {
  const indices = mesh.indices.slice();
  for (const f of faces) [indices[f * 3 + 1], indices[f * 3 + 2]] = [indices[f * 3 + 2], indices[f * 3 + 1]];
  return { positions: mesh.positions.slice(), indices };
}

/** Every triangle gets its own three vertices, as an STL stores them, optionally jittered by `noise`. */
export function unweld(mesh: TestMesh, noise = 0, seed = 1): TestMesh {
  let state = seed;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const positions: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < mesh.indices.length; i++) {
    const v = mesh.indices[i];
    positions.push(mesh.positions[v * 3] + noise * random(), mesh.positions[v * 3 + 1] + noise * random(), mesh.positions[v * 3 + 2] + noise * random());
    indices.push(i);
  }
  return { positions, indices };
}

export function removeFaces(mesh: TestMesh, faces: number[]): TestMesh {
  const drop = new Set(faces);
  const indices: number[] = [];
  for (let f = 0; f < mesh.indices.length / 3; f++) if (!drop.has(f)) indices.push(...mesh.indices.slice(f * 3, f * 3 + 3));
  return { positions: mesh.positions.slice(), indices };
}

/** Applies p' = R·p + t with R from Euler angles (radians, X then Y then Z). */
export function transform(mesh: TestMesh, angles: [number, number, number], offset: [number, number, number], scale = 1): TestMesh {
  const [a, b, c] = angles;
  const rx = [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
  const ry = [Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)];
  const rz = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1];
  const mul = (m: number[], n: number[]): number[] => {
    const r = new Array<number>(9).fill(0);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) r[i * 3 + j] += m[i * 3 + k] * n[k * 3 + j];
    return r;
  };
  const m = mul(rz, mul(ry, rx));
  const positions: number[] = [];
  for (let i = 0; i < mesh.positions.length; i += 3) {
    const [x, y, z] = [mesh.positions[i] * scale, mesh.positions[i + 1] * scale, mesh.positions[i + 2] * scale];
    positions.push(m[0] * x + m[1] * y + m[2] * z + offset[0], m[3] * x + m[4] * y + m[5] * z + offset[1], m[6] * x + m[7] * y + m[8] * z + offset[2]);
  }
  return { positions, indices: mesh.indices.slice() };
}

/** Exact signed volume and area of the polyhedron, in float64. */
export function exactMeasures(mesh: TestMesh): { volume: number; area: number } {
  let volume = 0;
  let area = 0;
  const p = mesh.positions;
  for (let i = 0; i < mesh.indices.length; i += 3) {
    const [a, b, c] = [mesh.indices[i] * 3, mesh.indices[i + 1] * 3, mesh.indices[i + 2] * 3];
    const u = [p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]];
    const v = [p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]];
    const n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    area += Math.hypot(n[0], n[1], n[2]) / 2;
    volume += (p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c])) / 6;
  }
  return { volume, area };
}

export function toMesh(mesh: TestMesh, format: 'stl-binary' = 'stl-binary') {
  return { format, positions: Float32Array.from(mesh.positions), indices: Uint32Array.from(mesh.indices), declaredUnit: null, notes: [] as string[] };
}

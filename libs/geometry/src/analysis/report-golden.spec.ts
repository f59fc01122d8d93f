import { createHash } from 'node:crypto';
import type { AnalyzeOptions, GeometryReport, Mesh } from '../geometry.types';
import { analyzeFile } from '../analyze-file';
import { box, flipFaces, invert, merge, removeFaces, sphere, toMesh, torus, transform, unweld, type TestMesh } from '../__fixtures__/solids';
import { toBinaryStl } from '../__fixtures__/writers';
import { parseBinaryStl } from '../stl/stl.parser';
import { binaryStlBounds, readWeldedBinaryStl } from '../stl/stl-welded.reader';
import { analyzeMesh, weldTolerance } from './analyze-mesh';
import { buildTopology } from './topology';
import { weldVertices } from './weld';

/**
 * Golden reports: every field of the report (findings, messages and locations included) for a fixed set of
 * sound, broken and random meshes, through both entry points (`analyzeMesh` on an indexed mesh, with and without
 * unused vertices; `analyzeFile` on a binary STL: the fused read-and-weld path), compared exactly with the
 * reports the analysis gave before it was optimised (the snapshot, written by the code of 92ff72e). A speed-up must not change any of them. The meshes come from a seeded
 * generator, so the set is the same on every run.
 *
 * To regenerate after an intended change of results: `npx jest libs/geometry/src/analysis/report-golden -u`,
 * and say why in the commit.
 */

/** A seeded linear congruential generator (Numerical Recipes' constants), so the cases depend on no library. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Case {
  name: string;
  mesh: TestMesh;
  options?: AnalyzeOptions;
}

const PROCESSES = [undefined, 'fdm', 'sla', 'sls', 'mjf', 'dmls', 'cnc', 'injection_molding'] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function randomFaces(random: () => number, mesh: TestMesh, share: number): number[] {
  const faces: number[] = [];
  for (let f = 0; f < mesh.indices.length / 3; f++) if (random() < share) faces.push(f);
  return faces;
}

/** A strip of `segments` quads with a half twist: one patch whose winding cannot be made consistent. */
function mobius(segments: number): TestMesh {
  const positions: number[] = [];
  for (let i = 0; i < segments; i++) {
    const u = (2 * Math.PI * i) / segments;
    for (const s of [-1, 1]) {
      const w = s * Math.cos(u / 2);
      positions.push((10 + w) * Math.cos(u), (10 + w) * Math.sin(u), s * Math.sin(u / 2));
    }
  }
  const indices: number[] = [];
  for (let i = 0; i < segments; i++) {
    const a = i * 2;
    const b = a + 1;
    // the last quad joins the first with its sides swapped (the twist)
    const c = i + 1 < segments ? a + 2 : 1;
    const d = i + 1 < segments ? a + 3 : 0;
    indices.push(a, c, b, b, c, d);
  }
  return { positions, indices };
}

/** A random triangle soup: points in a cube, faces picking among them (repeats, slivers and all). */
function soup(random: () => number, points: number, faces: number, size: number): TestMesh {
  const positions: number[] = [];
  for (let i = 0; i < points * 3; i++) positions.push((random() - 0.5) * size);
  const indices: number[] = [];
  for (let i = 0; i < faces * 3; i++) indices.push(Math.floor(random() * points));
  return { positions, indices };
}

/** Vertices moved onto a grid of `step`: some distinct vertices land exactly on others, others just beside. */
function snapped(mesh: TestMesh, step: number): TestMesh {
  return { positions: mesh.positions.map((v) => Math.round(v / step) * step), indices: mesh.indices.slice() };
}

function cases(): Case[] {
  const random = seeded(20261122);
  const list: Case[] = [];
  const solids: Array<[string, TestMesh]> = [
    ['box', box(12, 7, 3)],
    ['sphere (fan hubs at the poles)', sphere(6, 40, 20)],
    ['torus', torus(10, 3, 48, 24)],
    ['box with cavity', merge(box(10, 10, 10), invert(box(4, 4, 4, [3, 3, 3])))],
    ['box, cavity, island in the cavity', merge(box(20, 20, 20), invert(box(12, 12, 12, [4, 4, 4])), box(4, 4, 4, [8, 8, 8]))],
    ['cavity wound the wrong way', merge(box(10, 10, 10), box(4, 4, 4, [3, 3, 3]))],
    ['two boxes sharing an edge', merge(box(1, 1, 1), box(1, 1, 1, [1, 1, 0]))],
    ['box with a duplicated face', { positions: box(5, 5, 5).positions, indices: [...box(5, 5, 5).indices, 0, 2, 1] }],
    ['box with a degenerate (collinear) face', { positions: [...box(5, 5, 5).positions, 2.5, 0, 0], indices: [...box(5, 5, 5).indices, 0, 8, 1] }],
    ['box with a repeated-corner face', { positions: box(5, 5, 5).positions, indices: [...box(5, 5, 5).indices, 0, 0, 1] }],
    ['mobius strip', mobius(24)],
    ['thin plate', box(50, 50, 0.3)],
    ['plate at the wall minimum', box(40, 30, 0.8)],
    ['part larger than every envelope', box(1200, 300, 200)],
    ['tiny part (unit mistake)', sphere(0.4, 16, 8)],
    ['huge part (unit mistake)', box(3000, 2000, 1000)],
    ['many small bodies', merge(...Array.from({ length: 12 }, (_, i) => box(0.2 + i * 0.05, 0.3, 0.25, [i * 2, (i % 3) * 2, 0])))],
    ['inside-out sphere', invert(sphere(8, 24, 12))],
    ['open box (one face missing)', removeFaces(box(6, 6, 6), [3])],
    ['overhanging sphere over a plate', merge(box(30, 30, 2), sphere(8, 48, 24, [15, 15, 20]))],
  ];
  for (const [name, mesh] of solids) list.push({ name, mesh });
  for (const [name, mesh] of solids.slice(0, 8)) {
    for (const process of PROCESSES.slice(1)) list.push({ name: `${name}, ${process}`, mesh, options: { process } });
  }
  list.push({ name: 'box in inches', mesh: box(2, 3, 1), options: { units: 'in', process: 'cnc' } });
  list.push({ name: 'box in metres', mesh: box(0.2, 0.1, 0.05), options: { units: 'm' } });
  list.push({ name: 'thin plate, 37 rays', mesh: box(50, 50, 0.3), options: { process: 'fdm', thinWallSamples: 37 } });
  list.push({ name: 'sphere, weld tolerance 0.5 mm', mesh: sphere(6, 40, 20), options: { weldToleranceMm: 0.5 } });
  list.push({ name: 'custom rules', mesh: box(100, 20, 5), options: { process: 'sla', rules: { minWallMm: 6, envelopeMm: [90, 90, 90], maxOverhangDeg: 10 } } });
  // larger meshes: more than 20,000 vertices (the OBB searches a strided sample) and a ray grid worth the name
  list.push({ name: 'fine torus', mesh: torus(30, 8, 256, 128), options: { process: 'fdm' } });
  list.push({ name: 'fine sphere, sla', mesh: sphere(20, 200, 100), options: { process: 'sla' } });

  for (let i = 0; i < 24; i++) {
    const [baseName, base] = pick(random, solids.slice(0, 6));
    const angles: [number, number, number] = [(random() - 0.5) * 6, (random() - 0.5) * 6, (random() - 0.5) * 6];
    const offset: [number, number, number] = [(random() - 0.5) * 200, (random() - 0.5) * 200, (random() - 0.5) * 200];
    let mesh = transform(base, angles, offset, 0.05 + random() * 20);
    const damage = pick(random, ['none', 'remove', 'flip', 'unweld', 'jitter', 'jitter near tolerance', 'snap', 'duplicate'] as const);
    if (damage === 'remove') mesh = removeFaces(mesh, randomFaces(random, mesh, 0.05));
    if (damage === 'flip') mesh = flipFaces(mesh, randomFaces(random, mesh, 0.2));
    if (damage === 'unweld') mesh = unweld(mesh);
    // relative to the part's size: well inside the weld tolerance (1e-6 of the diagonal), and around it
    if (damage === 'jitter') mesh = unweld(mesh, 1e-8 * 100, i + 1);
    if (damage === 'jitter near tolerance') mesh = unweld(mesh, 4e-6 * 100, i + 1);
    if (damage === 'snap') mesh = snapped(mesh, 0.5);
    if (damage === 'duplicate') mesh = { positions: mesh.positions, indices: [...mesh.indices, ...mesh.indices.slice(0, 30)] };
    list.push({ name: `random ${i}: ${baseName}, ${damage}`, mesh, options: { process: pick(random, PROCESSES) } });
  }
  for (let i = 0; i < 24; i++) {
    const mesh = soup(random, 4 + Math.floor(random() * 60), 1 + Math.floor(random() * 80), pick(random, [1e-3, 1, 50, 4000]));
    list.push({ name: `soup ${i}`, mesh, options: { process: pick(random, PROCESSES) } });
  }
  return list;
}

const CASES = cases();

/** Unused vertices before and after the used ones (as OBJ files may have): analyzeMesh compacts them first. */
function withUnusedVertices(mesh: TestMesh): Mesh {
  const base = toMesh(mesh) as Mesh;
  const count = base.positions.length / 3;
  const positions = new Float32Array((count + 2) * 3);
  positions.set([1e4, -1e4, 1e4], 0);
  positions.set(base.positions, 3);
  positions.set([-1e4, 1e4, -1e4], (count + 1) * 3);
  return { ...base, positions, indices: base.indices.map((v) => v + 1) };
}

describe('analysis reports are unchanged (golden)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const reports: Record<string, GeometryReport> = {
      mesh: analyzeMesh(toMesh(c.mesh) as Mesh, c.options),
      // compacted first, in order of first use: a different vertex order, so not always the same OBB
      meshWithUnusedVertices: analyzeMesh(withUnusedVertices(c.mesh), c.options),
      stl: await analyzeFile(toBinaryStl(c.mesh), 'part.stl', c.options),
    };
    expect(reports).toMatchSnapshot();
  });
});

function digest(...arrays: ArrayLike<number>[]): string {
  const hash = createHash('sha256');
  for (const array of arrays) hash.update(JSON.stringify(Array.from(array)));
  return hash.digest('hex').slice(0, 24);
}

describe('weld and topology are unchanged (golden)', () => {
  it.each(CASES.filter((_, i) => i % 3 === 0).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const stl = toBinaryStl(c.mesh);
    const triangles = stl.readUInt32LE(80);
    const bounds = binaryStlBounds(stl, triangles);
    if (!bounds) throw new Error('no bounds');
    const tolerance = weldTolerance({ declaredUnit: null }, bounds.min, bounds.max, c.options ?? {});
    const fused = readWeldedBinaryStl(stl, triangles, tolerance);
    const parsed = parseBinaryStl(stl);
    const separate = weldVertices(parsed.positions, parsed.indices, tolerance);
    // the fused reader gives exactly what parsing and then welding gives
    expect(Array.from(fused.positions)).toEqual(Array.from(separate.positions));
    expect(Array.from(fused.indices)).toEqual(Array.from(separate.indices));
    const t = buildTopology(fused.indices, fused.vertexCount);
    expect({
      weld: digest(fused.positions, fused.indices),
      topology: digest(t.collapsed, t.neighbour, t.sameDirection, t.patchOfFace, t.flipped, t.shellOfPatch, t.patchFirstFace, t.patchOpen, t.patchConflict, t.openEdgeVertices),
      counts: [t.patchCount, t.shellCount, t.boundaryEdges, t.nonManifoldEdges, t.inconsistentWindingEdges],
    }).toMatchSnapshot();
  });
});

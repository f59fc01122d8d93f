import { keepShape } from './analysis-context';
/**
 * Edge topology of an indexed triangle mesh: which faces share each edge, in which direction, and the patches
 * and shells those edges join. Half-edge `h = 3·face + k` runs from corner k to corner k+1. Half-edges are
 * bucketed by their lower vertex (a counting sort, CSR order) and each bucket sorted by other end, so an edge is a
 * run of equal other ends in one small bucket: O(n) with a handful of typed arrays and no maps.
 */
export interface Topology {
  faceCount: number;
  /** 1 where a face repeats a vertex after welding (zero-length edge); such faces take no part in edges. */
  collapsed: Uint8Array;
  /** Face across half-edge h when exactly two faces share that edge, else -1. */
  neighbour: Int32Array;
  /** 1 where the two half-edges of a shared edge run the same way (inconsistent winding). */
  sameDirection: Uint8Array;
  /**
   * Orientable patch of each face — connected through edges shared by exactly two faces — or -1 for collapsed
   * faces. Patches are numbered in order of their lowest face.
   */
  patchOfFace: Int32Array;
  patchCount: number;
  /** Per patch: its lowest face. */
  patchFirstFace: number[];
  /** Per patch: 1 when it has an open or non-manifold edge. */
  patchOpen: number[];
  /** Per patch: 1 when its winding cannot be made consistent (Möbius-like). */
  patchConflict: number[];
  /** 1 where the breadth-first walk reversed a face to agree with its patch's first face. */
  flipped: Uint8Array;
  /** Connected component (shell) of each patch through any shared edge, numbered in order of lowest face. */
  shellOfPatch: Int32Array;
  shellCount: number;
  boundaryEdges: number;
  nonManifoldEdges: number;
  inconsistentWindingEdges: number;
  /** Vertex pairs of (up to `maxReportedEdges`) boundary and non-manifold edges, for locating findings. */
  openEdgeVertices: number[];
}

/** Buckets longer than this (fan hubs) are sorted with a comparator instead of by insertion. */
const INSERTION_SORT_LIMIT = 32;

export function buildTopology(indices: Uint32Array, vertexCount: number, maxReportedEdges = 20_000): Topology {
  const faceCount = indices.length / 3;
  const collapsed = new Uint8Array(faceCount);
  // every half-edge gets its entry in the edge pass below; those of collapsed faces get theirs here
  const neighbour = new Int32Array(faceCount * 3);
  // start[v] counts, then (inclusive prefix) ends, then (after filling downwards) begins of v's bucket
  const start = new Int32Array(vertexCount + 1);
  countBuckets(indices, collapsed, neighbour, start);
  for (let v = 1; v < vertexCount; v++) start[v] += start[v - 1];
  const halfEdgeCount = vertexCount > 0 ? start[vertexCount - 1] : 0;
  start[vertexCount] = halfEdgeCount;
  // per bucket entry: the half-edge, shifted left, with bit 0 set when it runs away from the bucket's vertex (the
  // other end is read back from `indices` per bucket: storing it too would double this, the largest array here)
  const bucket = new Int32Array(halfEdgeCount);
  fillBuckets(indices, collapsed, start, bucket);

  const sameDirection = new Uint8Array(faceCount * 3);
  const edges = new EdgeSums(maxReportedEdges);
  pairEdges(indices, vertexCount, start, bucket, neighbour, sameDirection, edges);

  // Orientable patches: a breadth-first walk through two-face edges gives each face the winding of its patch's
  // first face. The edge buckets are done with: the queue reuses their memory when it is large enough.
  const patchOfFace = new Int32Array(faceCount).fill(-1);
  const flipped = new Uint8Array(faceCount);
  const queue = bucket.length >= faceCount ? bucket : new Int32Array(faceCount);
  const patches = new PatchList();
  walkPatches(collapsed, neighbour, sameDirection, patchOfFace, flipped, queue, patches);
  const patchCount = patches.firstFace.length;

  // Shells: patches joined through non-manifold edges (union-find over patches; roots are the lowest patch).
  const shellOfPatch = new Int32Array(patchCount);
  for (let p = 0; p < patchCount; p++) shellOfPatch[p] = p;
  const find = (x: number): number => {
    while (shellOfPatch[x] !== x) {
      shellOfPatch[x] = shellOfPatch[shellOfPatch[x]];
      x = shellOfPatch[x];
    }
    return x;
  };
  const joins = edges.joins;
  for (let k = 0; k < joins.length; k += 2) {
    const ra = find(patchOfFace[joins[k]]);
    const rb = find(patchOfFace[joins[k + 1]]);
    if (ra !== rb) shellOfPatch[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  }
  for (let p = 0; p < patchCount; p++) shellOfPatch[p] = find(p);
  // every patch now points at its root, which comes before it: one forward pass swaps roots for labels
  let shellCount = 0;
  for (let p = 0; p < patchCount; p++) {
    const root = shellOfPatch[p];
    shellOfPatch[p] = root === p ? shellCount++ : shellOfPatch[root];
  }
  return {
    faceCount,
    collapsed,
    neighbour,
    sameDirection,
    patchOfFace,
    patchCount,
    patchFirstFace: patches.firstFace,
    patchOpen: patches.open,
    patchConflict: patches.conflict,
    flipped,
    shellOfPatch,
    shellCount,
    boundaryEdges: edges.boundary,
    nonManifoldEdges: edges.nonManifold,
    inconsistentWindingEdges: edges.inconsistent,
    openEdgeVertices: edges.openEdgeVertices,
  };
}

/*
 * The passes below are functions of their own, taking typed arrays and class instances: inside one function run
 * once per analysis, V8 re-entered each loop unoptimised on every call (on-stack replacement after a deopt on
 * cold code), which cost more than the loops themselves.
 */

/** Marks collapsed faces (their half-edges get no neighbour) and counts each edge into its lower vertex. */
function countBuckets(indices: Uint32Array, collapsed: Uint8Array, neighbour: Int32Array, start: Int32Array): void {
  const faceCount = indices.length / 3;
  for (let f = 0, i = 0; f < faceCount; f++, i += 3) {
    const a = indices[i];
    const b = indices[i + 1];
    const c = indices[i + 2];
    if (a === b || b === c || a === c) {
      collapsed[f] = 1;
      neighbour[i] = neighbour[i + 1] = neighbour[i + 2] = -1;
      continue;
    }
    start[a < b ? a : b]++;
    start[b < c ? b : c]++;
    start[c < a ? c : a]++;
  }
}

/** Files each half-edge under its lower vertex, filling every bucket downwards from its end (`start` ends at the begins). */
function fillBuckets(indices: Uint32Array, collapsed: Uint8Array, start: Int32Array, bucket: Int32Array): void {
  const faceCount = indices.length / 3;
  for (let f = 0, i = 0; f < faceCount; f++, i += 3) {
    if (collapsed[f]) continue;
    const a = indices[i];
    const b = indices[i + 1];
    const c = indices[i + 2];
    bucket[a < b ? --start[a] : --start[b]] = a < b ? (i << 1) | 1 : i << 1;
    bucket[b < c ? --start[b] : --start[c]] = b < c ? ((i + 1) << 1) | 1 : (i + 1) << 1;
    bucket[c < a ? --start[c] : --start[a]] = c < a ? ((i + 2) << 1) | 1 : (i + 2) << 1;
  }
}

/** What the edge pass counts and collects. */
class EdgeSums {
  boundary = 0;
  nonManifold = 0;
  inconsistent = 0;
  /** Pairs of faces joined by a non-manifold edge: same shell, different patches. */
  readonly joins: number[] = [];
  /** Vertex pairs of (up to `maxReported`) boundary and non-manifold edges. */
  readonly openEdgeVertices: number[] = [];
  constructor(readonly maxReported: number) {}
}
keepShape(new EdgeSums(0));

/** Sorts each bucket by other end; an edge is a run of equal ends: two faces are neighbours, else it is open. */
function pairEdges(indices: Uint32Array, vertexCount: number, start: Int32Array, bucket: Int32Array, neighbour: Int32Array, sameDirection: Uint8Array, sums: EdgeSums): void {
  let boundaryEdges = 0;
  let nonManifoldEdges = 0;
  let inconsistentWindingEdges = 0;
  const { joins, openEdgeVertices } = sums;
  const maxReportedEdges = sums.maxReported;
  // the bucket's other ends, sorted along with it
  let ends = new Int32Array(64);
  for (let lo = 0; lo < vertexCount; lo++) {
    const s = start[lo];
    const m = start[lo + 1] - s;
    if (m > ends.length) ends = new Int32Array(m * 2);
    for (let i = 0; i < m; i++) {
      const entry = bucket[s + i];
      const h = entry >> 1;
      ends[i] = entry & 1 ? indices[h % 3 === 2 ? h - 2 : h + 1] : indices[h];
    }
    if (m > INSERTION_SORT_LIMIT) sortBucket(bucket, ends, s, m);
    else {
      for (let i = 1; i < m; i++) {
        const hi = ends[i];
        const entry = bucket[s + i];
        let j = i - 1;
        while (j >= 0 && ends[j] > hi) {
          ends[j + 1] = ends[j];
          bucket[s + j + 1] = bucket[s + j];
          j--;
        }
        ends[j + 1] = hi;
        bucket[s + j + 1] = entry;
      }
    }
    for (let i = 0; i < m; ) {
      const hi = ends[i];
      let j = i + 1;
      while (j < m && ends[j] === hi) j++;
      if (j - i === 2) {
        const x = bucket[s + i];
        const y = bucket[s + i + 1];
        const h1 = x >> 1;
        const h2 = y >> 1;
        neighbour[h1] = (h2 / 3) | 0;
        neighbour[h2] = (h1 / 3) | 0;
        if (((x ^ y) & 1) === 0) {
          sameDirection[h1] = 1;
          sameDirection[h2] = 1;
          inconsistentWindingEdges++;
        }
      } else {
        for (let k = i; k < j; k++) neighbour[bucket[s + k] >> 1] = -1;
        if (j - i === 1) boundaryEdges++;
        else {
          nonManifoldEdges++;
          const first = ((bucket[s + i] >> 1) / 3) | 0;
          for (let k = i + 1; k < j; k++) joins.push(first, ((bucket[s + k] >> 1) / 3) | 0);
        }
        if (openEdgeVertices.length < maxReportedEdges * 2) openEdgeVertices.push(lo, hi);
      }
      i = j;
    }
  }
  sums.boundary = boundaryEdges;
  sums.nonManifold = nonManifoldEdges;
  sums.inconsistent = inconsistentWindingEdges;
}

/** Per patch: its lowest face, and 1 when it has an open or non-manifold edge / a winding conflict. */
class PatchList {
  readonly firstFace: number[] = [];
  readonly open: number[] = [];
  readonly conflict: number[] = [];
}
keepShape(new PatchList());

/** Breadth-first walk from each face not yet in a patch, through edges shared by exactly two faces. */
function walkPatches(collapsed: Uint8Array, neighbour: Int32Array, sameDirection: Uint8Array, patchOfFace: Int32Array, flipped: Uint8Array, queue: Int32Array, patches: PatchList): void {
  const faceCount = collapsed.length;
  let patchCount = 0;
  for (let seed = 0; seed < faceCount; seed++) {
    if (collapsed[seed] || patchOfFace[seed] !== -1) continue;
    const patch = patchCount++;
    let open = 0;
    let conflict = 0;
    patchOfFace[seed] = patch;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    while (head < tail) {
      const f = queue[head++];
      const turn = flipped[f];
      for (let h = f * 3, end = h + 3; h < end; h++) {
        const g = neighbour[h];
        if (g < 0) {
          open = 1;
          continue;
        }
        const want = turn ^ sameDirection[h];
        if (patchOfFace[g] === -1) {
          patchOfFace[g] = patch;
          flipped[g] = want;
          queue[tail++] = g;
        } else if (flipped[g] !== want) {
          conflict = 1;
        }
      }
    }
    patches.open.push(open);
    patches.conflict.push(conflict);
    patches.firstFace.push(seed);
  }
}

/** Orders a long bucket (a fan hub) and its other ends by other end; equal ends keep any order. */
function sortBucket(bucket: Int32Array, ends: Int32Array, s: number, m: number): void {
  const order = Array.from({ length: m }, (_, i) => i).sort((p, q) => ends[p] - ends[q]);
  const entries = order.map((i) => bucket[s + i]);
  const sorted = order.map((i) => ends[i]);
  for (let i = 0; i < m; i++) {
    bucket[s + i] = entries[i];
    ends[i] = sorted[i];
  }
}

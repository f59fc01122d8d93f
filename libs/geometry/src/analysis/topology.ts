/**
 * Edge topology of an indexed triangle mesh: which faces share each edge, in which direction. Half-edge
 * `h = 3·face + k` runs from corner k to corner k+1. Edges are grouped in CSR order by their lower vertex, so
 * the pass is O(n) with a handful of typed arrays and no maps.
 */
export interface Topology {
  faceCount: number;
  /** 1 where a face repeats a vertex after welding (zero-length edge); such faces take no part in edges. */
  collapsed: Uint8Array;
  /** Face across half-edge h when exactly two faces share that edge, else -1. */
  neighbour: Int32Array;
  /** 1 where the two half-edges of a shared edge run the same way (inconsistent winding). */
  sameDirection: Uint8Array;
  /** Connected component (shell) of each face through shared edges; -1 for collapsed faces. */
  shellOfFace: Int32Array;
  shellCount: number;
  boundaryEdges: number;
  nonManifoldEdges: number;
  inconsistentWindingEdges: number;
  /** Vertex pairs of (up to `maxReportedEdges`) boundary and non-manifold edges, for locating findings. */
  openEdgeVertices: number[];
}

export function buildTopology(indices: Uint32Array, vertexCount: number, maxReportedEdges = 20_000): Topology {
  const faceCount = indices.length / 3;
  const collapsed = new Uint8Array(faceCount);
  const start = new Uint32Array(vertexCount + 1);
  for (let f = 0; f < faceCount; f++) {
    const a = indices[f * 3];
    const b = indices[f * 3 + 1];
    const c = indices[f * 3 + 2];
    if (a === b || b === c || a === c) {
      collapsed[f] = 1;
      continue;
    }
    start[(a < b ? a : b) + 1]++;
    start[(b < c ? b : c) + 1]++;
    start[(c < a ? c : a) + 1]++;
  }
  for (let v = 0; v < vertexCount; v++) start[v + 1] += start[v];
  const halfEdgeCount = start[vertexCount];
  const bucket = new Uint32Array(halfEdgeCount);
  const cursor = start.slice(0, vertexCount);
  for (let f = 0; f < faceCount; f++) {
    if (collapsed[f]) continue;
    for (let k = 0; k < 3; k++) {
      const h = f * 3 + k;
      const from = indices[h];
      const to = indices[k === 2 ? h - 2 : h + 1];
      bucket[cursor[from < to ? from : to]++] = h;
    }
  }

  const neighbour = new Int32Array(faceCount * 3).fill(-1);
  const sameDirection = new Uint8Array(faceCount * 3);
  // union-find parents live in the array that ends up holding each face's shell label
  const shellOfFace = new Int32Array(faceCount);
  const parent = shellOfFace;
  for (let f = 0; f < faceCount; f++) parent[f] = f;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  };
  const otherEnd = (h: number, lo: number): number => {
    const from = indices[h];
    return from === lo ? indices[h % 3 === 2 ? h - 2 : h + 1] : from;
  };

  let boundaryEdges = 0;
  let nonManifoldEdges = 0;
  let inconsistentWindingEdges = 0;
  const openEdgeVertices: number[] = [];
  let his = new Uint32Array(64);
  for (let lo = 0; lo < vertexCount; lo++) {
    const s = start[lo];
    const e = start[lo + 1];
    const m = e - s;
    if (m === 0) continue;
    if (m > his.length) his = new Uint32Array(m * 2);
    // sort this vertex's half-edges by their other end (insertion sort: m is small except at fan hubs)
    if (m <= 32) {
      for (let i = 0; i < m; i++) {
        const h = bucket[s + i];
        const hi = otherEnd(h, lo);
        let j = i - 1;
        while (j >= 0 && his[j] > hi) {
          his[j + 1] = his[j];
          bucket[s + j + 1] = bucket[s + j];
          j--;
        }
        his[j + 1] = hi;
        bucket[s + j + 1] = h;
      }
    } else {
      const order = Array.from(bucket.subarray(s, e)).sort((p, q) => otherEnd(p, lo) - otherEnd(q, lo));
      for (let i = 0; i < m; i++) {
        bucket[s + i] = order[i];
        his[i] = otherEnd(order[i], lo);
      }
    }
    for (let i = 0; i < m; ) {
      let j = i + 1;
      while (j < m && his[j] === his[i]) j++;
      const count = j - i;
      if (count === 2) {
        const h1 = bucket[s + i];
        const h2 = bucket[s + i + 1];
        const f1 = (h1 / 3) | 0;
        const f2 = (h2 / 3) | 0;
        const same = (indices[h1] === lo) === (indices[h2] === lo) ? 1 : 0;
        neighbour[h1] = f2;
        neighbour[h2] = f1;
        sameDirection[h1] = same;
        sameDirection[h2] = same;
        inconsistentWindingEdges += same;
        union(f1, f2);
      } else {
        if (count === 1) boundaryEdges++;
        else nonManifoldEdges++;
        if (openEdgeVertices.length < maxReportedEdges * 2) openEdgeVertices.push(lo, his[i]);
        const first = (bucket[s + i] / 3) | 0;
        for (let k = i + 1; k < j; k++) union(first, (bucket[s + k] / 3) | 0);
      }
      i = j;
    }
  }

  // Parents always point to a lower face, so after this pass every face points straight at its root...
  for (let f = 0; f < faceCount; f++) parent[f] = find(f);
  // ...and each face can swap its parent for its root's label in place (a root comes before its faces).
  // The edge buckets are done with: reuse their memory when large enough.
  const labelOfRoot = (bucket.length >= faceCount ? new Int32Array(bucket.buffer, 0, faceCount) : new Int32Array(faceCount)).fill(-1);
  let shellCount = 0;
  for (let f = 0; f < faceCount; f++) {
    if (collapsed[f]) {
      shellOfFace[f] = -1;
      continue;
    }
    const root = parent[f];
    if (labelOfRoot[root] === -1) labelOfRoot[root] = shellCount++;
    shellOfFace[f] = labelOfRoot[root];
  }
  return {
    faceCount,
    collapsed,
    neighbour,
    sameDirection,
    shellOfFace,
    shellCount,
    boundaryEdges,
    nonManifoldEdges,
    inconsistentWindingEdges,
    openEdgeVertices,
  };
}

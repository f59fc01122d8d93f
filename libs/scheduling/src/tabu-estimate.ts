import type { Solution } from './evaluate';
import type { Instance } from './instance';
import { createRandom } from './random';
import { forEachBlockMove } from './critical-blocks';

export interface SearchLimits {
  deadline: number;
  maxIterations: number;
  seed: number;
  lowerBound: number;
}

export interface SearchOutcome {
  sol: Solution;
  iterations: number;
}

/** Pair tabu memory: "a may not be put before b again until iteration t". A flat matrix while it stays small. */
class PairTabu {
  private readonly matrix: Int32Array | null;
  private readonly map = new Map<number, number>();

  constructor(private readonly n: number) {
    this.matrix = n <= 3000 ? new Int32Array(n * n) : null;
  }

  get(a: number, b: number): number {
    return this.matrix ? this.matrix[a * this.n + b] : (this.map.get(a * this.n + b) ?? 0);
  }

  set(a: number, b: number, until: number): void {
    if (this.matrix) this.matrix[a * this.n + b] = until;
    else this.map.set(a * this.n + b, until);
  }
}

/**
 * Tabu search for the plain job shop (makespan), after Nowicki–Smutnicki and Balas–Vazacopoulos: moves
 * shift an operation to the start or end of a critical block (or a block end inside it), are ranked by
 * the head/tail estimate of the new longest path, and kept acyclic by the Balas–Vazacopoulos conditions.
 * A pair-order tabu list with randomised tenure; after a stall, restart from the best solution with a few
 * random critical swaps.
 */
export function tabuEstimate(inst: Instance, initial: Solution, limits: SearchLimits): SearchOutcome {
  const n = inst.dur.length;
  const p = inst.dur;
  const { jobPred: JP, jobSucc: JS, opJob } = inst;
  const rel = Float64Array.from(opJob, (j) => Math.max(0, inst.release[j]));
  const unitOf = initial.assign.slice();
  const seqs = initial.seqs.map((s) => s.slice());
  const pos = new Int32Array(n);
  const reindex = (u: number, from: number, to: number) => {
    const s = seqs[u];
    for (let k = Math.max(0, from); k <= to && k < s.length; k++) pos[s[k]] = k;
  };
  seqs.forEach((_, u) => reindex(u, 0, seqs[u].length - 1));

  const r = new Float64Array(n);
  const q = new Float64Array(n);
  const indeg = new Int32Array(n);
  const order = new Int32Array(n);
  const mp = (op: number) => (pos[op] > 0 ? seqs[unitOf[op]][pos[op] - 1] : -1);
  const ms = (op: number) => {
    const s = seqs[unitOf[op]];
    return pos[op] < s.length - 1 ? s[pos[op] + 1] : -1;
  };

  /** Heads, tails and makespan; −1 on a cycle. */
  const computeHeadsTails = (): number => {
    let tail = 0;
    for (let op = 0; op < n; op++) {
      indeg[op] = (JP[op] >= 0 ? 1 : 0) + (pos[op] > 0 ? 1 : 0);
      if (indeg[op] === 0) order[tail++] = op;
    }
    for (let head = 0; head < tail; head++) {
      const op = order[head];
      let t = rel[op];
      const jp = JP[op];
      if (jp >= 0 && r[jp] + p[jp] > t) t = r[jp] + p[jp];
      const m = mp(op);
      if (m >= 0 && r[m] + p[m] > t) t = r[m] + p[m];
      r[op] = t;
      const js = JS[op];
      if (js >= 0 && --indeg[js] === 0) order[tail++] = js;
      const s = ms(op);
      if (s >= 0 && --indeg[s] === 0) order[tail++] = s;
    }
    if (tail < n) return -1;
    let cmax = 0;
    for (let k = n - 1; k >= 0; k--) {
      const op = order[k];
      let t = 0;
      const js = JS[op];
      if (js >= 0 && q[js] + p[js] > t) t = q[js] + p[js];
      const s = ms(op);
      if (s >= 0 && q[s] + p[s] > t) t = q[s] + p[s];
      q[op] = t;
      if (r[op] + p[op] + t > cmax) cmax = r[op] + p[op] + t;
    }
    return cmax;
  };

  const rng = createRandom(limits.seed);
  const path: number[] = [];
  /** One critical path, walked back from a random operation that ends at the makespan. */
  const criticalPath = (cmax: number) => {
    path.length = 0;
    let endOps = 0;
    let op = -1;
    for (let x = 0; x < n; x++) {
      if (r[x] + p[x] === cmax && q[x] === 0) {
        endOps++;
        if (rng() * endOps < 1) op = x;
      }
    }
    while (op >= 0) {
      path.push(op);
      const m = mp(op);
      const jp = JP[op];
      if (m >= 0 && r[m] + p[m] === r[op]) op = m;
      else if (jp >= 0 && r[jp] + p[jp] === r[op]) op = jp;
      else op = -1;
    }
    path.reverse();
  };

  // Candidate moves: take seqs[u][from] and reinsert it at index `to`.
  const moveUnit: number[] = [];
  const moveFrom: number[] = [];
  const moveTo: number[] = [];
  const seen = new Set<number>();
  const addMove = (u: number, from: number, to: number) => {
    if (from === to) return;
    // An adjacent swap is the same move from either side.
    const [a, b] = Math.abs(from - to) === 1 ? [Math.min(from, to), Math.max(from, to)] : [from, to];
    const key = (u * 131072 + a) * 131072 + b;
    if (seen.has(key)) return;
    seen.add(key);
    const s = seqs[u];
    if (from < to) {
      const op = s[from];
      const v = s[to];
      if (to - from > 1 && JS[op] >= 0 && p[v] + q[v] < p[JS[op]] + q[JS[op]]) return;
    } else {
      const op = s[from];
      const uu = s[to];
      if (from - to > 1 && JP[op] >= 0 && r[uu] + p[uu] < r[JP[op]] + p[JP[op]]) return;
    }
    moveUnit.push(u);
    moveFrom.push(from);
    moveTo.push(to);
  };
  const collectMoves = () => {
    moveUnit.length = moveFrom.length = moveTo.length = 0;
    seen.clear();
    forEachBlockMove(path, unitOf, pos, addMove);
  };

  const newR = new Float64Array(n);
  const seg: number[] = [];
  const estimate = (u: number, from: number, to: number): number => {
    const s = seqs[u];
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    seg.length = 0;
    if (from < to) {
      for (let k = from + 1; k <= to; k++) seg.push(s[k]);
      seg.push(s[from]);
    } else {
      seg.push(s[from]);
      for (let k = to; k < from; k++) seg.push(s[k]);
    }
    let prevEnd = lo > 0 ? r[s[lo - 1]] + p[s[lo - 1]] : 0;
    for (const x of seg) {
      const jp = JP[x];
      let t = jp >= 0 ? r[jp] + p[jp] : rel[x];
      if (prevEnd > t) t = prevEnd;
      newR[x] = t;
      prevEnd = t + p[x];
    }
    let nextTail = hi < s.length - 1 ? q[s[hi + 1]] + p[s[hi + 1]] : 0;
    let best = 0;
    for (let k = seg.length - 1; k >= 0; k--) {
      const x = seg[k];
      const js = JS[x];
      let t = js >= 0 ? q[js] + p[js] : 0;
      if (nextTail > t) t = nextTail;
      if (newR[x] + p[x] + t > best) best = newR[x] + p[x] + t;
      nextTail = t + p[x];
    }
    return best;
  };

  const tabu = new PairTabu(n);
  let iter = 1;
  const isTabu = (u: number, from: number, to: number): boolean => {
    const s = seqs[u];
    const op = s[from];
    if (from < to) {
      for (let k = from + 1; k <= to; k++) if (tabu.get(s[k], op) > iter) return true;
    } else {
      for (let k = to; k < from; k++) if (tabu.get(op, s[k]) > iter) return true;
    }
    return false;
  };
  const applyMove = (u: number, from: number, to: number, tenure: number) => {
    const s = seqs[u];
    const op = s[from];
    if (tenure > 0) {
      if (from < to) for (let k = from + 1; k <= to; k++) tabu.set(op, s[k], iter + tenure);
      else for (let k = to; k < from; k++) tabu.set(s[k], op, iter + tenure);
    }
    s.splice(from, 1);
    s.splice(to, 0, op);
    reindex(u, Math.min(from, to), Math.max(from, to));
  };

  const jobsPerMachine = inst.jobOps.length / Math.max(1, inst.units.length);
  const baseTenure = 10 + Math.round(jobsPerMachine);
  const tenureSpread = jobsPerMachine <= 2 ? 0.4 : 0.5;
  const stallLimit = Math.max(2500, Math.min(20000, 10 * n));
  const globalStall = Math.max(200_000, 1000 * n);

  let cmax = computeHeadsTails();
  let bestCmax = cmax;
  let best = seqs.map((s) => s.slice());
  let sinceBest = 0;
  let sinceGlobal = 0;
  let iterations = 0;
  while (cmax > limits.lowerBound && iterations < limits.maxIterations && sinceGlobal < globalStall) {
    if ((iterations & 63) === 0 && performance.now() > limits.deadline) break;
    iterations++;
    iter++;
    criticalPath(cmax);
    collectMoves();
    if (moveUnit.length === 0) break; // one job's chain is critical: the makespan is its length, optimal
    let pick = -1;
    let pickEst = Infinity;
    let ties = 0;
    for (let c = 0; c < moveUnit.length; c++) {
      const est = estimate(moveUnit[c], moveFrom[c], moveTo[c]);
      if (isTabu(moveUnit[c], moveFrom[c], moveTo[c]) && est >= bestCmax) continue;
      if (est < pickEst) {
        pickEst = est;
        pick = c;
        ties = 1;
      } else if (est === pickEst && rng() * ++ties < 1) {
        pick = c;
      }
    }
    if (pick < 0) pick = Math.floor(rng() * moveUnit.length);
    const u = moveUnit[pick];
    const from = moveFrom[pick];
    const to = moveTo[pick];
    const tenure = baseTenure + Math.floor(rng() * baseTenure * tenureSpread);
    applyMove(u, from, to, tenure);
    const next = computeHeadsTails();
    if (next < 0) {
      applyMove(u, to, from, 0);
      cmax = computeHeadsTails();
      continue;
    }
    cmax = next;
    if (cmax < bestCmax) {
      bestCmax = cmax;
      best = seqs.map((s) => s.slice());
      sinceBest = 0;
      sinceGlobal = 0;
    } else {
      sinceBest++;
      sinceGlobal++;
    }
    if (sinceBest > stallLimit) {
      // Back to the best solution, shaken by a few random swaps of critical pairs.
      for (let v = 0; v < seqs.length; v++) {
        seqs[v] = best[v].slice();
        reindex(v, 0, seqs[v].length - 1);
      }
      cmax = computeHeadsTails();
      const shakes = 2 + Math.floor(rng() * 4);
      for (let sh = 0; sh < shakes; sh++) {
        criticalPath(cmax);
        const pairs: number[] = [];
        for (let k = 0; k + 1 < path.length; k++) if (unitOf[path[k]] === unitOf[path[k + 1]]) pairs.push(k);
        if (pairs.length === 0) break;
        const k = pairs[Math.floor(rng() * pairs.length)];
        const uu = unitOf[path[k]];
        applyMove(uu, pos[path[k]], pos[path[k + 1]], 0);
        const c2 = computeHeadsTails();
        if (c2 < 0) {
          applyMove(uu, pos[path[k + 1]], pos[path[k]], 0);
          cmax = computeHeadsTails();
        } else {
          cmax = c2;
        }
      }
      iter += 2 * baseTenure + 2; // forget the tabu list
      sinceBest = 0;
      if (cmax < bestCmax) {
        bestCmax = cmax;
        best = seqs.map((s) => s.slice());
      }
    }
  }
  return { sol: { assign: unitOf, seqs: best }, iterations };
}

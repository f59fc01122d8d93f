import type { Instance } from './instance';
import { createRandom } from './random';

export interface TabuSearchOptions {
  seed: number;
  deadline: number;
  maxIterations: number;
  /** Stop as soon as a feasible cost reaches this (a proven lower bound). */
  lowerBound: number;
  /**
   * Per option: whether the search may use it. Options whose Lagrangian reduced cost exceeds the gap between
   * the best known cost and the bound can never improve on it, and options far up a job's reduced-cost list
   * rarely do; leaving them out makes each iteration cheaper. A job's current option is always allowed.
   */
  candidate: Uint8Array;
  /** If no feasible solution has turned up by this time, every option becomes a candidate. */
  widenAt: number;
  /** …or by this many iterations (what makes a run with an iteration budget repeatable). */
  widenAfterIterations: number;
  /** Polled with the clock: true ends the search (e.g. an exact solver running beside it has finished). */
  stop?: () => boolean;
}

export interface TabuSearchResult {
  best: Int32Array | null;
  bestCost: number;
  iterations: number;
}

const EPS = 1e-9;
// Swaps are costly to look for and rarely needed where shifts through infeasible space do the same: look for
// one only every few iterations spent in a local optimum, from a sample of jobs.
const SWAP_EVERY = 8;
const SWAP_TRIES = 32;

/**
 * Tabu search over shift moves (one job to another of its options) and swap moves (two jobs exchange
 * factories) on cost + Σ_f w_f·overload_f, with a weight per factory that adapts as in Yagiura, Ibaraki &
 * Glover's and Díaz & Fernández's GAP tabu searches: a factory's weight rises while it is overloaded and all
 * weights fall while the walk is feasible, so the search oscillates around the capacity boundary instead of
 * stalling on one side. Each iteration takes the best admissible shift over the candidate options (a job may
 * not return to the factory it just left for a random tenure, unless that finds a new best), and every few
 * iterations the best improving swap between an overloaded factory and the rest. The walk restarts from the
 * best solution when it has not improved for a while.
 */
export function tabuSearch(inst: Instance, start: Int32Array, options: TabuSearchOptions): TabuSearchResult {
  const { n, m, optStart, optFac, optCost, optLoad, capacity } = inst;
  const random = createRandom(options.seed);
  const cand = Uint8Array.from(options.candidate);
  const candidateLists = (allowed: (k: number) => boolean) => {
    const starts = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      starts[i] = list.length;
      for (let k = optStart[i]; k < optStart[i + 1]; k++) if (allowed(k)) list.push(k);
    }
    starts[n] = list.length;
    return { candStart: starts, candList: Int32Array.from(list) };
  };
  const cur = Int32Array.from(start);
  const load = new Float64Array(m);
  let cost = 0;
  const members: number[][] = Array.from({ length: m }, () => []);
  const pos = new Int32Array(n);
  const rebuild = () => {
    load.fill(0);
    for (const list of members) list.length = 0;
    cost = 0;
    for (let i = 0; i < n; i++) {
      const k = cur[i];
      load[optFac[k]] += optLoad[k];
      cost += optCost[k];
      pos[i] = members[optFac[k]].length;
      members[optFac[k]].push(i);
    }
  };
  rebuild();
  const move = (i: number, k2: number) => {
    const k = cur[i];
    const f = optFac[k];
    const g = optFac[k2];
    load[f] -= optLoad[k];
    load[g] += optLoad[k2];
    cost += optCost[k2] - optCost[k];
    const list = members[f];
    const last = list.pop() as number;
    if (last !== i) {
      list[pos[i]] = last;
      pos[last] = pos[i];
    }
    pos[i] = members[g].length;
    members[g].push(i);
    cur[i] = k2;
  };
  // Option of job j at factory f, or -1: dense table when it fits in memory.
  const dense = n * m <= 20_000_000 ? new Int32Array(n * m).fill(-1) : null;
  if (dense) for (let i = 0; i < n; i++) for (let k = optStart[i]; k < optStart[i + 1]; k++) dense[i * m + optFac[k]] = k;
  const optionAt = (j: number, f: number): number => {
    if (dense) return dense[j * m + f];
    for (let k = optStart[j]; k < optStart[j + 1]; k++) if (optFac[k] === f) return k;
    return -1;
  };

  let meanCost = 0;
  let meanLoad = 0;
  for (let k = 0; k < optStart[n]; k++) {
    meanCost += Math.abs(optCost[k]);
    meanLoad += optLoad[k];
  }
  const baseWeight = Math.max(1e-6, meanCost / Math.max(meanLoad, EPS));
  const weight = new Float64Array(m).fill(baseWeight);
  const over = (f: number, x: number) => (x > capacity[f] + EPS ? x - capacity[f] : 0);
  let overloaded = 0;
  const countOverloaded = () => {
    overloaded = 0;
    for (let f = 0; f < m; f++) if (load[f] > capacity[f] + EPS) overloaded++;
  };

  // tabuUntil[i*m + f]: iteration before which job i may not go back to factory f.
  const tabuUntil = dense ? new Int32Array(n * m) : null;
  const tabuMap = dense ? null : new Map<number, number>();
  const setTabu = (i: number, f: number, until: number) => {
    if (tabuUntil) tabuUntil[i * m + f] = until;
    else tabuMap!.set(i * m + f, until);
  };
  const state: ShiftState = { n, m, cur, load, weight, capacity, optFac, optCost, optLoad, ...candidateLists((k) => cand[k] !== 0), tabuUntil, tabuMap };
  let widened = false;
  const tenureMin = Math.max(3, Math.round(Math.sqrt(n) / 2));
  const tenureSpan = Math.max(3, Math.round(Math.sqrt(n)));

  let best: Int32Array | null = null;
  let bestCost = Infinity;
  const tol = 1e-9 * Math.max(1, Math.abs(options.lowerBound));
  let sinceBest = 0;
  const restartAfter = Math.max(200, 4 * n);
  let it = 0;
  const shift = (i: number, k2: number) => {
    setTabu(i, optFac[cur[i]], it + tenureMin + Math.floor(random() * tenureSpan));
    move(i, k2);
  };

  for (; it < options.maxIterations; it++) {
    // The clock every iteration: on a large model one iteration can take milliseconds on a busy machine.
    {
      const now = performance.now();
      if (now > options.deadline || options.stop?.()) break;
      if (!best && !widened && (now > options.widenAt || it >= options.widenAfterIterations)) {
        Object.assign(state, candidateLists(() => true));
        cand.fill(1);
        widened = true;
      }
    }
    countOverloaded();
    if (overloaded === 0) {
      if (cost < bestCost - EPS) {
        bestCost = cost;
        best = Int32Array.from(cur);
        sinceBest = 0;
        if (bestCost <= options.lowerBound + tol) break;
      }
      for (let f = 0; f < m; f++) weight[f] = Math.max(baseWeight * 0.01, weight[f] * 0.99);
    } else {
      for (let f = 0; f < m; f++) if (load[f] > capacity[f] + EPS) weight[f] *= 1.01;
    }
    if (++sinceBest > restartAfter && best) {
      cur.set(best);
      rebuild();
      weight.fill(baseWeight);
      sinceBest = 0;
      // A few random shifts so the restart does not replay the same walk.
      for (let r = 0; r < 3; r++) {
        const i = Math.floor(random() * n);
        const count = optStart[i + 1] - optStart[i];
        if (count > 1) shift(i, optStart[i] + Math.floor(random() * count));
      }
      continue;
    }

    // Best admissible shift.
    const found = bestShift(state, it, cost, bestCost, overloaded <= 2 ? wouldBeFeasible : null, random);
    const bestDelta = found.delta;
    const bestI = found.job;
    const bestK = found.option;

    // When no shift improves, look for an improving swap out of an overloaded (or any) factory.
    if (bestDelta >= -EPS && it % SWAP_EVERY === 0 && swapImproves()) continue;
    if (bestI >= 0) shift(bestI, bestK);
    else break;
  }
  return { best, bestCost, iterations: it };

  function wouldBeFeasible(i: number, k2: number): boolean {
    const k = cur[i];
    const f = optFac[k];
    const g = optFac[k2];
    for (let h = 0; h < m; h++) {
      let x = load[h];
      if (h === f) x -= optLoad[k];
      if (h === g) x += optLoad[k2];
      if (x > capacity[h] + EPS) return false;
    }
    return true;
  }

  function swapImproves(): boolean {
    // Sample jobs; for each, try its cheapest candidate factories and a sample of their members.
    const tries = Math.min(n, SWAP_TRIES);
    let bestD = -EPS;
    let bi = -1;
    let bj = -1;
    let bk2 = -1;
    let bk3 = -1;
    for (let t = 0; t < tries; t++) {
      const i = Math.floor(random() * n);
      const k = cur[i];
      const f = optFac[k];
      const lf = load[f];
      for (let k2 = optStart[i]; k2 < optStart[i + 1]; k2++) {
        if (k2 === k || cand[k2] === 0) continue;
        const g = optFac[k2];
        const list = members[g];
        const len = list.length;
        if (len === 0) continue;
        const scan = Math.min(len, 16);
        const offset = len > scan ? Math.floor(random() * len) : 0;
        for (let q = 0; q < scan; q++) {
          const j = list[(offset + q) % len];
          const k3 = optionAt(j, f);
          if (k3 < 0 || cand[k3] === 0) continue;
          const kj = cur[j];
          const nf = lf - optLoad[k] + optLoad[k3];
          const ng = load[g] - optLoad[kj] + optLoad[k2];
          const d = optCost[k2] + optCost[k3] - optCost[k] - optCost[kj] + weight[f] * (over(f, nf) - over(f, lf)) + weight[g] * (over(g, ng) - over(g, load[g]));
          if (d < bestD) {
            bestD = d;
            bi = i;
            bj = j;
            bk2 = k2;
            bk3 = k3;
          }
        }
      }
    }
    if (bi < 0) return false;
    shift(bi, bk2);
    shift(bj, bk3);
    return true;
  }
}

interface ShiftState {
  n: number;
  m: number;
  cur: Int32Array;
  load: Float64Array;
  weight: Float64Array;
  capacity: Float64Array;
  optFac: Int32Array;
  optCost: Float64Array;
  optLoad: Float64Array;
  candStart: Int32Array;
  candList: Int32Array;
  tabuUntil: Int32Array | null;
  tabuMap: Map<number, number> | null;
}

/**
 * The best admissible shift: lowest change of the penalised objective over every job's candidate options,
 * ties broken at random. A tabu move is admissible only when `feasibleAfter` says it lands on a feasible
 * solution cheaper than `bestCost` (aspiration). The hot loop of the search, kept in its own function so V8
 * optimises it early.
 */
function bestShift(s: ShiftState, it: number, cost: number, bestCost: number, feasibleAfter: ((i: number, k2: number) => boolean) | null, random: () => number): { delta: number; job: number; option: number } {
  const { n, m, cur, load, weight, capacity, optFac, optCost, optLoad, candStart, candList, tabuUntil, tabuMap } = s;
  let bestDelta = Infinity;
  let bestI = -1;
  let bestK = -1;
  let ties = 0;
  for (let i = 0; i < n; i++) {
    const k = cur[i];
    const f = optFac[k];
    const lf = load[f];
    const cf = capacity[f];
    const freedOver = (lf - optLoad[k] > cf + EPS ? lf - optLoad[k] - cf : 0) - (lf > cf + EPS ? lf - cf : 0);
    const freed = weight[f] * freedOver - optCost[k];
    for (let c = candStart[i]; c < candStart[i + 1]; c++) {
      const k2 = candList[c];
      if (k2 === k) continue;
      const g = optFac[k2];
      const lg = load[g];
      const cg = capacity[g];
      const ng = lg + optLoad[k2];
      const d = freed + optCost[k2] + weight[g] * ((ng > cg + EPS ? ng - cg : 0) - (lg > cg + EPS ? lg - cg : 0));
      if (d > bestDelta + EPS) continue;
      const tabu = tabuUntil ? tabuUntil[i * m + g] > it : (tabuMap!.get(i * m + g) ?? 0) > it;
      if (tabu && !(feasibleAfter && cost + optCost[k2] - optCost[k] < bestCost - EPS && feasibleAfter(i, k2))) continue;
      if (d < bestDelta - EPS) {
        bestDelta = d;
        bestI = i;
        bestK = k2;
        ties = 1;
      } else if (random() * ++ties < 1) {
        bestI = i;
        bestK = k2;
      }
    }
  }
  return { delta: bestDelta, job: bestI, option: bestK };
}

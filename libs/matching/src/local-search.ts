import type { Instance } from './instance';
import { createRandom } from './random';

export interface LocalSearchOptions {
  seed: number;
  deadline: number;
  maxRounds: number;
  /** Stop as soon as a feasible cost reaches this (a proven lower bound). */
  lowerBound: number;
  /** Option weights for perturbation (Lagrangian-priced costs): kicks prefer options cheap under them. */
  weight: Float64Array;
}

export interface LocalSearchResult {
  best: Int32Array | null;
  bestCost: number;
  rounds: number;
}

const EPS = 1e-9;

/**
 * Iterated local search on the penalised objective cost + ρ·(total overload), in the manner of Yagiura et
 * al.'s strategic oscillation: the search may cross infeasible space, ρ rises while it is infeasible and
 * falls while it is feasible. Moves: shift (a job to another of its options) and swap (two jobs exchange
 * factories). Between descents a kick moves a few random jobs to options that are cheap under the
 * Lagrangian prices; the walk restarts from the best feasible solution when it drifts too far from it.
 */
export function localSearch(inst: Instance, start: Int32Array, options: LocalSearchOptions): LocalSearchResult {
  const { n, m, optStart, optFac, optCost, optLoad, capacity } = inst;
  const random = createRandom(options.seed);
  const cur = new Int32Array(n);
  for (let i = 0; i < n; i++) cur[i] = start[i] >= 0 ? start[i] : leastLoadedOption(inst, i);
  const load = new Float64Array(m);
  const members: number[][] = Array.from({ length: m }, () => []);
  const pos = new Int32Array(n);
  let cost = 0;
  const rebuild = () => {
    load.fill(0);
    for (const list of members) list.length = 0;
    cost = 0;
    for (let i = 0; i < n; i++) {
      const k = cur[i];
      const f = optFac[k];
      load[f] += optLoad[k];
      pos[i] = members[f].length;
      members[f].push(i);
      cost += optCost[k];
    }
  };
  rebuild();
  const over = (f: number, x: number) => (x > capacity[f] + EPS ? x - capacity[f] : 0);
  const totalOverload = () => {
    let s = 0;
    for (let f = 0; f < m; f++) s += over(f, load[f]);
    return s;
  };
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
  // Option of job j at factory f, or -1. Dense table when it fits in memory.
  const dense = n * m <= 20_000_000 ? new Int32Array(n * m).fill(-1) : null;
  if (dense) for (let i = 0; i < n; i++) for (let k = optStart[i]; k < optStart[i + 1]; k++) dense[i * m + optFac[k]] = k;
  const optionAt = (j: number, f: number): number => {
    if (dense) return dense[j * m + f];
    for (let k = optStart[j]; k < optStart[j + 1]; k++) if (optFac[k] === f) return k;
    return -1;
  };
  // Options of each job by ascending cost: swaps try the cheapest few targets.
  const byCost = new Int32Array(optStart[n]);
  for (let i = 0; i < n; i++) {
    const ks = Array.from({ length: optStart[i + 1] - optStart[i] }, (_, x) => optStart[i] + x).sort((a, b) => optCost[a] - optCost[b]);
    byCost.set(ks, optStart[i]);
  }
  let meanCost = 0;
  let meanLoad = 0;
  for (let k = 0; k < optStart[n]; k++) {
    meanCost += Math.abs(optCost[k]);
    meanLoad += optLoad[k];
  }
  const rhoBase = Math.max(1e-6, meanCost / Math.max(meanLoad, EPS));
  let rho = rhoBase;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const SWAP_TARGETS = 4;
  const SWAP_SCAN = 40;

  const descend = () => {
    for (let pass = 0; pass < 50; pass++) {
      if (performance.now() > options.deadline) return;
      let improved = false;
      for (let x = n - 1; x > 0; x--) {
        const y = Math.floor(random() * (x + 1));
        const t = order[x];
        order[x] = order[y];
        order[y] = t;
      }
      for (let oi = 0; oi < n; oi++) {
        if ((oi & 255) === 255 && performance.now() > options.deadline) return;
        const i = order[oi];
        const k = cur[i];
        const f = optFac[k];
        const lf = load[f];
        const freedOver = over(f, lf - optLoad[k]) - over(f, lf);
        let bestDelta = -EPS;
        let bestK = -1;
        for (let k2 = optStart[i]; k2 < optStart[i + 1]; k2++) {
          if (k2 === k) continue;
          const g = optFac[k2];
          const d = optCost[k2] - optCost[k] + rho * (freedOver + over(g, load[g] + optLoad[k2]) - over(g, load[g]));
          if (d < bestDelta) {
            bestDelta = d;
            bestK = k2;
          }
        }
        if (bestK >= 0) {
          move(i, bestK);
          improved = true;
          continue;
        }
        // Swap: i to one of its cheapest other factories g, a job j of g to f.
        const end = Math.min(optStart[i + 1], optStart[i] + SWAP_TARGETS + 1);
        swapSearch: for (let s = optStart[i]; s < end; s++) {
          const k2 = byCost[s];
          if (k2 === k) continue;
          const g = optFac[k2];
          const list = members[g];
          const len = list.length;
          if (len === 0) continue;
          const scan = Math.min(len, SWAP_SCAN);
          const offset = len > scan ? Math.floor(random() * len) : 0;
          for (let q = 0; q < scan; q++) {
            const j = list[(offset + q) % len];
            const k3 = optionAt(j, f);
            if (k3 < 0) continue;
            const kj = cur[j];
            const dc = optCost[k2] + optCost[k3] - optCost[k] - optCost[kj];
            if (dc > 0 && rho === 0) continue;
            const nf = lf - optLoad[k] + optLoad[k3];
            const ng = load[g] - optLoad[kj] + optLoad[k2];
            const d = dc + rho * (over(f, nf) - over(f, lf) + over(g, ng) - over(g, load[g]));
            if (d < -EPS) {
              move(i, k2);
              move(j, k3);
              improved = true;
              break swapSearch;
            }
          }
        }
      }
      if (!improved) break;
    }
  };

  let best: Int32Array | null = null;
  let bestCost = Infinity;
  const tol = 1e-9 * Math.max(1, Math.abs(options.lowerBound));
  let rounds = 0;
  let infeasibleRounds = 0;
  descend();
  for (;;) {
    const overload = totalOverload();
    if (overload <= EPS) {
      if (cost < bestCost - EPS) {
        bestCost = cost;
        best = Int32Array.from(cur);
      }
      infeasibleRounds = 0;
      rho = Math.max(rhoBase * 0.05, rho * 0.95);
    } else {
      infeasibleRounds++;
      rho *= 1.25;
    }
    if (best && bestCost <= options.lowerBound + tol) break;
    if (rounds >= options.maxRounds || performance.now() > options.deadline) break;
    rounds++;
    // Restart from the best when the walk is infeasible for long or clearly worse.
    if (best && (infeasibleRounds > 30 || (overload <= EPS && cost > bestCost * 1.01 + EPS))) {
      cur.set(best);
      rebuild();
      infeasibleRounds = 0;
    }
    const kicks = 1 + Math.floor(random() * Math.min(8, Math.max(1, n / 10)));
    for (let r = 0; r < kicks; r++) {
      const i = Math.floor(random() * n);
      const count = optStart[i + 1] - optStart[i];
      if (count < 2) continue;
      // Prefer options cheap under the Lagrangian prices: best of two random picks.
      let k2 = optStart[i] + Math.floor(random() * count);
      const alt = optStart[i] + Math.floor(random() * count);
      if (options.weight[alt] < options.weight[k2]) k2 = alt;
      if (k2 !== cur[i]) move(i, k2);
    }
    descend();
  }
  return { best, bestCost, rounds };
}

function leastLoadedOption(inst: Instance, i: number): number {
  let best = inst.optStart[i];
  for (let k = inst.optStart[i]; k < inst.optStart[i + 1]; k++) {
    if (inst.optLoad[k] / Math.max(inst.capacity[inst.optFac[k]], EPS) < inst.optLoad[best] / Math.max(inst.capacity[inst.optFac[best]], EPS)) best = k;
  }
  return best;
}

/** Sum of costs and whether every capacity holds, for a full choice vector. */
export function evaluateChoice(inst: Instance, choice: Int32Array): { cost: number; feasible: boolean } {
  const load = new Float64Array(inst.m);
  let cost = 0;
  for (let i = 0; i < inst.n; i++) {
    const k = choice[i];
    if (k < 0) return { cost: Infinity, feasible: false };
    cost += inst.optCost[k];
    load[inst.optFac[k]] += inst.optLoad[k];
  }
  for (let f = 0; f < inst.m; f++) if (load[f] > inst.capacity[f] + 1e-9) return { cost, feasible: false };
  return { cost, feasible: true };
}

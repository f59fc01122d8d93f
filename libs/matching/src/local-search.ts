import type { Instance } from './instance';
import { createRandom } from './random';

export interface LocalSearchOptions {
  seed: number;
  /** performance.now() time at which the search stops. */
  deadline: number;
  /** Cap on moves; with it (and no clock-dependent widening) a run is repeatable on any machine. */
  maxIterations: number;
  /** Stop as soon as a feasible cost reaches this (a proven lower bound, already rounded up). */
  lowerBound: number;
  /**
   * Per option: whether the search may use it (the cheapest few per job under the Lagrangian prices). A job's
   * current option is always allowed. Widened to every option when no feasible solution turns up in time.
   */
  candidate: Uint8Array;
  /** Lagrangian multipliers of the capacity rows: the starting overload penalties are built on them. */
  prices: Float64Array;
  /** If no feasible solution has turned up by this time (or `widenAfterIterations` moves), every option becomes a candidate. */
  widenAt: number;
  widenAfterIterations: number;
  /** A feasible solution already known (e.g. a construction): the search only reports something cheaper. */
  incumbentCost?: number;
  /** Polled with the clock: true ends the search (e.g. HiGHS beside it has finished). */
  stop?: () => boolean;
  /** Ends the search at the first feasible solution (the feasibility phase after the time limit). */
  firstFeasible?: boolean;
}

export interface LocalSearchResult {
  best: Int32Array | null;
  bestCost: number;
  iterations: number;
  /** Least total overload the walk reached (0 once a feasible solution was found). */
  leastOverload: number;
}

const EPS = 1e-9;
// Tuning, measured on generated C/D/E instances 20 × 200 … 80 × 1,600 (bench/matching): weight rise per move
// while a factory is overloaded and fall per move while feasible; tabu tenure min and span as multiples of √n;
// moves without a new best before a restart, as a multiple of n; penalty floor and start (× the mean cost per
// unit of load, added to the Lagrangian price).
const TUNING = { winc: 1.03, wdec: 0.985, tmin: 0.2, tspan: 0.5, restart: 2, swapf: 0.5, floor: 0.05, pmul: 1, unitw: 0.25 };
// How long a slice of the search may hold the event loop before it yields (ms): keeps a server's other work
// (HTTP, queue heartbeats, HiGHS's answer from its thread) flowing while a solve runs on the main thread.
const SLICE_MS = 8;
// Budget of swap evaluations per local optimum, as a multiple of the shift neighbourhood's size (at least
// SWAP_MIN). The swap neighbourhood (n × candidates × jobs per factory) is far bigger; it is scanned
// round-robin, a window at a time.
const SWAP_FACTOR = TUNING.swapf;
const SWAP_MIN = 5_000;
// Jobs whose shifts one move looks at, at most (round-robin through larger models).
const SHIFT_WINDOW = 2_500;
// Longest ejection chain looked at (moves).
const CHAIN_DEPTH = 4;
// Elite feasible solutions kept for restarts by path relinking.
const ELITE = 8;

/**
 * Tabu search with adaptive overload penalties for the GAP (after Yagiura, Ibaraki & Glover 2004/2006 and
 * Díaz & Fernández 2001). The walk minimises cost + Σ_f w_f·overload_f over shift moves (one job to another
 * of its candidate options) and swap moves (two jobs exchange factories). The weights start at the
 * Lagrangian prices of capacity, rise on factories that stay overloaded and fall while the walk is
 * feasible, so it oscillates across the capacity boundary instead of stalling on one side of it; on
 * infeasible instances they grow until the walk is a pure overload minimiser (the feasibility search).
 *
 * Each move: the best admissible shift (over a round-robin window of 2,500 jobs on larger models); when it
 * does not improve, the best swap over a window of the swap neighbourhood, then the best ejection chain over a
 * window; when nothing improves, the best shift anyway (the tabu step: the factory a job left is tabu for it
 * for a random tenure, unless going back finds a new best feasible cost). After a long run without a new best
 * the walk restarts from a path-relinking point between two elite solutions.
 *
 * Allocation-free in its loops (typed arrays throughout); yields to the event loop every few milliseconds.
 */
export async function localSearch(inst: Instance, start: Int32Array, options: LocalSearchOptions): Promise<LocalSearchResult> {
  const walk = new Walk(inst, start, options);
  let lastYield = performance.now();
  let it = 0;
  for (; it < options.maxIterations; it++) {
    const now = performance.now();
    if (now > options.deadline || options.stop?.()) break;
    if (now - lastYield > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      if (lastYield > options.deadline || options.stop?.()) break;
    }
    if (!walk.hasBest && !walk.widened && (now > options.widenAt || it >= options.widenAfterIterations)) walk.widen();
    if (walk.step(it)) break;
  }
  return { best: walk.best, bestCost: walk.bestCost, iterations: it, leastOverload: walk.leastOverload };
}

class Walk {
  private readonly n: number;
  private readonly m: number;
  private readonly optStart: Int32Array;
  private readonly optFac: Int32Array;
  private readonly optCost: Float64Array;
  private readonly optLoad: Float64Array;
  private readonly capacity: Float64Array;
  private readonly random: () => number;
  private readonly cur: Int32Array;
  private readonly load: Float64Array;
  private cost = 0;
  private overload = 0;
  private readonly weight: Float64Array;
  private readonly baseWeight: Float64Array;
  private readonly floorWeight: number;
  // Candidate options per job, flattened: candList[candStart[i] .. candStart[i+1]-1].
  private candStart: Int32Array;
  private candList: Int32Array;
  private readonly cand: Uint8Array;
  widened = false;
  // Jobs at each factory: members[f*n + x] for x < count[f]; pos[i] is job i's place in its factory's list.
  private readonly members: Int32Array;
  // The same, one growing array per factory, when n × m is too large for the flat table.
  private readonly memberLists: Int32Array[] | null;
  private readonly count: Int32Array;
  private readonly pos: Int32Array;
  // Option of job i at factory f (or -1), dense when it fits in memory.
  private readonly at: Int32Array | null;
  // Iteration before which job i may not move to factory f.
  private readonly tabu: Int32Array | null;
  private readonly tabuMap: Map<number, number> | null;
  private readonly tenureMin: number;
  private readonly tenureSpan: number;
  private swapCursor = 0;

  best: Int32Array | null = null;
  bestCost: number;
  leastOverload = Infinity;
  private readonly target: number;
  private readonly firstFeasible: boolean;
  private sinceBest = 0;
  private readonly restartAfter: number;
  private readonly elite: Int32Array[] = [];
  private readonly eliteCost: number[] = [];

  constructor(inst: Instance, start: Int32Array, options: LocalSearchOptions) {
    const { n, m, optStart, optFac, optCost, optLoad, capacity } = inst;
    this.n = n;
    this.m = m;
    this.optStart = optStart;
    this.optFac = optFac;
    this.optCost = optCost;
    this.optLoad = optLoad;
    this.capacity = capacity;
    this.random = createRandom(options.seed);
    this.cur = Int32Array.from(start);
    this.load = new Float64Array(m);
    this.cand = Uint8Array.from(options.candidate);
    const lists = this.candidateLists();
    this.candStart = lists.candStart;
    this.candList = lists.candList;
    const dense = n * m <= 25_000_000;
    this.members = new Int32Array(dense ? n * m : 0);
    this.memberLists = dense ? null : Array.from({ length: m }, () => new Int32Array(16));
    this.count = new Int32Array(m);
    this.pos = new Int32Array(n);
    this.at = dense ? new Int32Array(n * m).fill(-1) : null;
    if (this.at) for (let i = 0; i < n; i++) for (let k = optStart[i]; k < optStart[i + 1]; k++) this.at[i * m + optFac[k]] = k;
    this.tabu = dense ? new Int32Array(n * m) : null;
    this.tabuMap = dense ? null : new Map();
    this.tenureMin = Math.max(3, Math.round(Math.sqrt(n) * TUNING.tmin));
    this.tenureSpan = Math.max(3, Math.round(Math.sqrt(n) * TUNING.tspan));

    // Penalty scale: the mean cost per unit of load, and each factory's Lagrangian price of capacity.
    let meanCost = 0;
    let meanLoad = 0;
    for (let k = 0; k < optStart[n]; k++) {
      meanCost += Math.abs(optCost[k]);
      meanLoad += optLoad[k];
    }
    const unit = Math.max(1e-6, meanCost / Math.max(meanLoad, EPS));
    this.floorWeight = unit * TUNING.floor;
    this.baseWeight = new Float64Array(m);
    for (let f = 0; f < m; f++) this.baseWeight[f] = (options.prices[f] * TUNING.pmul + unit * TUNING.unitw);
    this.weight = Float64Array.from(this.baseWeight);
    this.bestCost = options.incumbentCost ?? Infinity;
    this.target = options.lowerBound + 1e-9 * Math.max(1, Math.abs(options.lowerBound));
    this.firstFeasible = options.firstFeasible ?? false;
    this.restartAfter = Math.max(500, TUNING.restart * n);
    this.rebuild();
  }

  get hasBest(): boolean {
    return this.best !== null;
  }

  widen(): void {
    this.cand.fill(1);
    const lists = this.candidateLists();
    this.candStart = lists.candStart;
    this.candList = lists.candList;
    this.widened = true;
  }

  private candidateLists() {
    const { n, optStart, cand } = this;
    let total = 0;
    for (let k = 0; k < optStart[n]; k++) total += cand[k];
    const candStart = new Int32Array(n + 1);
    const candList = new Int32Array(total);
    let x = 0;
    for (let i = 0; i < n; i++) {
      candStart[i] = x;
      for (let k = optStart[i]; k < optStart[i + 1]; k++) if (cand[k]) candList[x++] = k;
    }
    candStart[n] = x;
    return { candStart, candList };
  }

  private rebuild(): void {
    const { n, m, cur, optFac, optCost, optLoad, load, capacity } = this;
    load.fill(0);
    this.count.fill(0);
    this.cost = 0;
    for (let i = 0; i < n; i++) {
      const k = cur[i];
      load[optFac[k]] += optLoad[k];
      this.cost += optCost[k];
      this.addMember(optFac[k], i);
    }
    this.overload = 0;
    for (let f = 0; f < m; f++) if (load[f] > capacity[f] + EPS) this.overload += load[f] - capacity[f];
  }

  private addMember(f: number, i: number): void {
    const c = this.count[f];
    if (this.memberLists) {
      let list = this.memberLists[f];
      if (c === list.length) {
        const grown = new Int32Array(2 * c);
        grown.set(list);
        list = this.memberLists[f] = grown;
      }
      list[c] = i;
    } else this.members[f * this.n + c] = i;
    this.pos[i] = c;
    this.count[f] = c + 1;
  }

  private removeMember(f: number, i: number): void {
    const c = this.count[f] - 1;
    const list = this.memberLists ? this.memberLists[f] : this.members;
    const base = this.memberLists ? 0 : f * this.n;
    const last = list[base + c];
    list[base + this.pos[i]] = last;
    this.pos[last] = this.pos[i];
    this.count[f] = c;
  }

  private member(f: number, x: number): number {
    return this.memberLists ? this.memberLists[f][x] : this.members[f * this.n + x];
  }

  private optionAt(i: number, f: number): number {
    if (this.at) return this.at[i * this.m + f];
    for (let k = this.optStart[i]; k < this.optStart[i + 1]; k++) if (this.optFac[k] === f) return k;
    return -1;
  }

  private isTabu(i: number, f: number, it: number): boolean {
    return this.tabu ? this.tabu[i * this.m + f] > it : (this.tabuMap!.get(i * this.m + f) ?? 0) > it;
  }

  private overOf(f: number, x: number): number {
    const c = this.capacity[f];
    return x > c + EPS ? x - c : 0;
  }

  private move(i: number, k2: number, it: number): void {
    const k = this.cur[i];
    const f = this.optFac[k];
    const g = this.optFac[k2];
    const until = it + this.tenureMin + Math.floor(this.random() * this.tenureSpan);
    if (this.tabu) this.tabu[i * this.m + f] = until;
    else this.tabuMap!.set(i * this.m + f, until);
    const before = this.overOf(f, this.load[f]) + this.overOf(g, this.load[g]);
    this.load[f] -= this.optLoad[k];
    this.load[g] += this.optLoad[k2];
    this.overload += this.overOf(f, this.load[f]) + this.overOf(g, this.load[g]) - before;
    if (this.overload < EPS) this.overload = 0;
    this.cost += this.optCost[k2] - this.optCost[k];
    this.removeMember(f, i);
    this.addMember(g, i);
    this.cur[i] = k2;
  }

  /** One move. True when the search is done (a feasible cost met the bound, or the first feasible was asked for). */
  step(it: number): boolean {
    this.bestShift(it);
    let moved = false;
    if (this.shiftDelta < -EPS) {
      this.move(this.shiftJob, this.shiftOption, it);
      moved = true;
    } else if (this.bestSwap(it)) {
      this.move(this.swapI, this.swapKi, it);
      this.move(this.swapJ, this.swapKj, it);
      moved = true;
    } else if (this.bestChain(it)) {
      for (let x = 0; x < this.chainBestLength; x++) this.move(this.chainBestJobs[x], this.chainBestOptions[x], it);
      moved = true;
    } else if (this.shiftJob >= 0) {
      this.move(this.shiftJob, this.shiftOption, it);
      moved = true;
    }
    if (!moved) this.kick(it);
    this.adaptWeights();
    if (this.overload < this.leastOverload) this.leastOverload = this.overload;
    if (this.overload === 0 && this.isFeasibleExact()) {
      if (this.cost < this.bestCost - EPS) {
        this.bestCost = this.cost;
        if (this.best) this.best.set(this.cur);
        else this.best = Int32Array.from(this.cur);
        this.remember();
        this.sinceBest = 0;
        if (this.firstFeasible || this.bestCost <= this.target) return true;
        return false;
      }
      if (!this.best && this.firstFeasible) {
        this.best = Int32Array.from(this.cur);
        this.bestCost = this.cost;
        return true;
      }
    }
    if (++this.sinceBest > this.restartAfter && this.elite.length > 0) this.restart(it);
    return false;
  }

  private isFeasibleExact(): boolean {
    for (let f = 0; f < this.m; f++) if (this.load[f] > this.capacity[f] + EPS) return false;
    return true;
  }

  private adaptWeights(): void {
    const { m, weight, load, capacity } = this;
    if (this.overload > 0) {
      for (let f = 0; f < m; f++) if (load[f] > capacity[f] + EPS) weight[f] *= TUNING.winc;
    } else {
      for (let f = 0; f < m; f++) {
        const w = weight[f] * TUNING.wdec;
        weight[f] = w > this.floorWeight ? w : this.floorWeight;
      }
    }
  }

  private shiftCursor = 0;
  private shiftDelta = Infinity;
  private shiftJob = -1;
  private shiftOption = -1;

  /** The best admissible shift by the penalised objective; ties broken at random. */
  private bestShift(it: number): void {
    const { n, m, cur, load, weight, capacity, optFac, optCost, optLoad, candStart, candList, tabu } = this;
    let bestDelta = Infinity;
    let bestI = -1;
    let bestK = -1;
    let ties = 0;
    const cost = this.cost;
    const bestCost = this.bestCost;
    // On large models a window of the jobs, round-robin: more, cheaper moves.
    const window = n < SHIFT_WINDOW ? n : SHIFT_WINDOW;
    let i = this.shiftCursor;
    for (let scanned = 0; scanned < window; scanned++, i = i + 1 === n ? 0 : i + 1) {
      const k = cur[i];
      const f = optFac[k];
      const lf = load[f];
      const cf = capacity[f];
      const lk = optLoad[k];
      const overF = lf > cf + EPS ? lf - cf : 0;
      const after = lf - lk;
      const freedOver = after > cf + EPS ? after - cf : 0;
      const freed = weight[f] * (freedOver - overF) - optCost[k];
      for (let c = candStart[i]; c < candStart[i + 1]; c++) {
        const k2 = candList[c];
        const g = optFac[k2];
        if (g === f) continue;
        const lg = load[g];
        const cg = capacity[g];
        const ng = lg + optLoad[k2];
        const d = freed + optCost[k2] + weight[g] * ((ng > cg + EPS ? ng - cg : 0) - (lg > cg + EPS ? lg - cg : 0));
        if (d > bestDelta + EPS) continue;
        const isTabu = tabu ? tabu[i * m + g] > it : this.isTabu(i, g, it);
        // Aspiration: a tabu move is allowed when it lands on a feasible solution cheaper than the best.
        if (isTabu && !(cost + optCost[k2] - optCost[k] < bestCost - EPS && ng <= cg + EPS && this.overload - overF + freedOver <= EPS)) continue;
        if (d < bestDelta - EPS) {
          bestDelta = d;
          bestI = i;
          bestK = k2;
          ties = 1;
        } else if (this.random() * ++ties < 1) {
          bestI = i;
          bestK = k2;
        }
      }
    }
    this.shiftCursor = i;
    this.shiftDelta = bestDelta;
    this.shiftJob = bestI;
    this.shiftOption = bestK;
  }

  private swapI = -1;
  private swapJ = -1;
  private swapKi = -1;
  private swapKj = -1;

  /**
   * The best improving swap (i: f→g, j: g→f) in a window of the neighbourhood, jobs taken round-robin from
   * where the last window stopped. With overloaded factories only swaps that move a job out of one are
   * looked at. False when the window holds no improving admissible swap.
   */
  private bestSwap(it: number): boolean {
    const { n, cur, load, weight, capacity, optFac, optCost, optLoad, candStart, candList, cand, count } = this;
    let bestD = -EPS;
    let found = false;
    let budget = Math.max(SWAP_MIN, SWAP_FACTOR * this.candList.length);
    const onlyOverloaded = this.overload > 0;
    let scanned = 0;
    for (; scanned < n && budget > 0; scanned++) {
      const i = this.swapCursor;
      this.swapCursor = i + 1 === n ? 0 : i + 1;
      const k = cur[i];
      const f = optFac[k];
      const lf = load[f];
      const cf = capacity[f];
      if (onlyOverloaded && lf <= cf + EPS) continue;
      const overF = lf > cf + EPS ? lf - cf : 0;
      for (let c = candStart[i]; c < candStart[i + 1]; c++) {
        const k2 = candList[c];
        const g = optFac[k2];
        if (g === f) continue;
        const lg = load[g];
        const cg = capacity[g];
        const overG = lg > cg + EPS ? lg - cg : 0;
        const base = optCost[k2] - optCost[k];
        const lgIn = lg + optLoad[k2];
        const lfOut = lf - optLoad[k];
        const tabuI = this.isTabu(i, g, it);
        const members = count[g];
        budget -= members;
        for (let x = 0; x < members; x++) {
          const j = this.member(g, x);
          const k3 = this.optionAt(j, f);
          if (k3 < 0 || cand[k3] === 0) continue;
          const kj = cur[j];
          const nf = lfOut + optLoad[k3];
          const ng = lgIn - optLoad[kj];
          const dc = base + optCost[k3] - optCost[kj];
          const d = dc + weight[f] * ((nf > cf + EPS ? nf - cf : 0) - overF) + weight[g] * ((ng > cg + EPS ? ng - cg : 0) - overG);
          if (d >= bestD) continue;
          if (tabuI && this.isTabu(j, f, it) && !(this.cost + dc < this.bestCost - EPS && this.overload === 0 && nf <= cf + EPS && ng <= cg + EPS)) continue;
          bestD = d;
          found = true;
          this.swapI = i;
          this.swapJ = j;
          this.swapKi = k2;
          this.swapKj = k3;
        }
      }
      // Found one on a large model: take it rather than finishing the window.
      if (found && scanned >= 64) break;
    }
    return found;
  }

  private chainCursor = 0;
  private readonly chainJobs = new Int32Array(CHAIN_DEPTH);
  private readonly chainOptions = new Int32Array(CHAIN_DEPTH);
  private readonly chainBestJobs = new Int32Array(CHAIN_DEPTH);
  private readonly chainBestOptions = new Int32Array(CHAIN_DEPTH);
  private chainBestLength = 0;

  /** Change of the penalised objective when a job leaves option ka (factory a) for kb (factory b) at the current loads. */
  private shiftCost(ka: number, kb: number): number {
    const { load, weight, capacity, optFac, optLoad, optCost } = this;
    const a = optFac[ka];
    const b = optFac[kb];
    const la = load[a];
    const lb = load[b];
    const ca = capacity[a];
    const cb = capacity[b];
    const na = la - optLoad[ka];
    const nb = lb + optLoad[kb];
    return (
      optCost[kb] -
      optCost[ka] +
      weight[a] * ((na > ca + EPS ? na - ca : 0) - (la > ca + EPS ? la - ca : 0)) +
      weight[b] * ((nb > cb + EPS ? nb - cb : 0) - (lb > cb + EPS ? lb - cb : 0))
    );
  }

  /**
   * Ejection chains (after Yagiura, Ibaraki & Glover): a job moves into a factory that has no room for it,
   * the best job to eject from there moves on to another factory, and so on, up to CHAIN_DEPTH moves; the
   * best prefix of the chain counts. Start moves are taken round-robin within the same budget as swaps;
   * loads are changed tentatively along the chain and put back. False when no chain improves.
   */
  private bestChain(it: number): boolean {
    const { n, cur, load, capacity, optFac, optLoad, candStart, candList, chainJobs, chainOptions } = this;
    let budget = Math.max(SWAP_MIN, SWAP_FACTOR * candList.length);
    let bestDelta = -EPS;
    this.chainBestLength = 0;
    for (let scanned = 0; scanned < n && budget > 0; scanned++) {
      const j1 = this.chainCursor;
      this.chainCursor = j1 + 1 === n ? 0 : j1 + 1;
      const k1 = cur[j1];
      for (let c = candStart[j1]; c < candStart[j1 + 1]; c++) {
        const k2 = candList[c];
        const g = optFac[k2];
        // Only into a factory it would overload: a move into room is a plain shift, already looked at.
        if (g === optFac[k1] || load[g] + optLoad[k2] <= capacity[g] + EPS || this.isTabu(j1, g, it)) continue;
        let delta = this.shiftCost(k1, k2);
        load[optFac[k1]] -= optLoad[k1];
        load[g] += optLoad[k2];
        chainJobs[0] = j1;
        chainOptions[0] = k2;
        let depth = 1;
        let receiving = g;
        while (depth < CHAIN_DEPTH) {
          // The best job to eject from the receiving factory, to any of its other candidate options.
          let bestE = Infinity;
          let ej = -1;
          let ek = -1;
          const members = this.count[receiving];
          for (let x = 0; x < members; x++) {
            const j = this.member(receiving, x);
            let inChain = false;
            for (let y = 0; y < depth; y++) if (chainJobs[y] === j) inChain = true;
            if (inChain) continue;
            const kj = cur[j];
            for (let cj = candStart[j]; cj < candStart[j + 1]; cj++) {
              const k = candList[cj];
              const h = optFac[k];
              if (h === receiving) continue;
              budget--;
              const e = this.shiftCost(kj, k);
              if (e < bestE && !this.isTabu(j, h, it)) {
                bestE = e;
                ej = j;
                ek = k;
              }
            }
          }
          if (ej < 0) break;
          delta += bestE;
          load[receiving] -= optLoad[cur[ej]];
          load[optFac[ek]] += optLoad[ek];
          chainJobs[depth] = ej;
          chainOptions[depth] = ek;
          depth++;
          if (delta < bestDelta) {
            bestDelta = delta;
            this.chainBestLength = depth;
            this.chainBestJobs.set(chainJobs);
            this.chainBestOptions.set(chainOptions);
          }
          receiving = optFac[ek];
        }
        // Put the loads back.
        for (let y = depth - 1; y >= 0; y--) {
          const j = chainJobs[y];
          const k = chainOptions[y];
          load[optFac[k]] -= optLoad[k];
          load[optFac[cur[j]]] += optLoad[cur[j]];
        }
      }
      if (this.chainBestLength > 0 && scanned >= 16) break;
    }
    return this.chainBestLength > 0;
  }

  /** No admissible move at all (every one tabu): a random shift keeps the walk going. */
  private kick(it: number): void {
    const i = Math.floor(this.random() * this.n);
    const from = this.candStart[i];
    const span = this.candStart[i + 1] - from;
    if (span > 1) {
      const k2 = this.candList[from + Math.floor(this.random() * span)];
      if (k2 !== this.cur[i]) this.move(i, k2, it);
    }
  }

  private remember(): void {
    // Keep the elite distinct by cost; replace the worst.
    const cost = this.bestCost;
    if (this.eliteCost.some((c) => Math.abs(c - cost) < EPS)) return;
    if (this.elite.length < ELITE) {
      this.elite.push(Int32Array.from(this.cur));
      this.eliteCost.push(cost);
      return;
    }
    let worst = 0;
    for (let e = 1; e < this.elite.length; e++) if (this.eliteCost[e] > this.eliteCost[worst]) worst = e;
    if (this.eliteCost[worst] > cost) {
      this.elite[worst].set(this.cur);
      this.eliteCost[worst] = cost;
    }
  }

  /**
   * Restart from a point on the path between the best solution and another elite one (path relinking):
   * the jobs where they differ take the other's option with probability ½; with one elite solution, a few
   * random shifts of the best instead. Weights go back to the Lagrangian prices.
   */
  private restart(it: number): void {
    const { n, cur, random } = this;
    cur.set(this.best!);
    if (this.elite.length > 1) {
      const other = this.elite[Math.floor(random() * this.elite.length)];
      for (let i = 0; i < n; i++) if (other[i] !== cur[i] && random() < 0.5) cur[i] = other[i];
    }
    this.rebuild();
    const kicks = Math.max(3, Math.round(Math.sqrt(n) / 4));
    for (let r = 0; r < kicks; r++) this.kick(it);
    this.weight.set(this.baseWeight);
    this.sinceBest = 0;
  }
}

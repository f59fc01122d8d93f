import type { Instance } from './instance';

/**
 * Martello–Toth regret construction. Every unplaced job knows its best and second-best option that still
 * fits (by `weight`, e.g. cost or Lagrangian-priced cost); the job that would lose most by waiting (largest
 * regret; a job with one fitting option has infinite regret) is placed first, at its best option. Regrets
 * are kept in a max-heap and re-checked lazily when popped. Returns, per job, the chosen option index, or
 * -1 for a job that no longer fits anywhere.
 */
export function regretConstruction(inst: Instance, weight: Float64Array): Int32Array {
  const { n, m, optStart, optFac, optLoad, capacity } = inst;
  const residual = Float64Array.from(capacity);
  const choice = new Int32Array(n).fill(-1);
  const heap = new MaxHeap();
  const evaluate = (i: number): { regret: number; best: number } => {
    let best = -1;
    let b1 = Infinity;
    let b2 = Infinity;
    for (let k = optStart[i]; k < optStart[i + 1]; k++) {
      if (optLoad[k] > residual[optFac[k]] + 1e-9) continue;
      const w = weight[k];
      if (w < b1) {
        b2 = b1;
        b1 = w;
        best = k;
      } else if (w < b2) b2 = w;
    }
    return { regret: best < 0 ? -Infinity : b2 - b1, best };
  };
  for (let i = 0; i < n; i++) heap.push(evaluate(i).regret, i);
  void m;
  while (heap.size > 0) {
    const [key, i] = heap.pop();
    const now = evaluate(i);
    if (now.best < 0) continue;
    if (now.regret < key - 1e-9 && heap.size > 0 && heap.topKey() > now.regret) {
      heap.push(now.regret, i);
      continue;
    }
    choice[i] = now.best;
    residual[optFac[now.best]] -= optLoad[now.best];
  }
  return choice;
}

/** The baseline: jobs in input order, each to its cheapest option that still fits. -1 where none fits. */
export function greedyConstruction(inst: Instance): Int32Array {
  const { n, optStart, optFac, optCost, optLoad, capacity } = inst;
  const residual = Float64Array.from(capacity);
  const choice = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (let k = optStart[i]; k < optStart[i + 1]; k++) {
      if (optLoad[k] <= residual[optFac[k]] + 1e-9 && (best < 0 || optCost[k] < optCost[best])) best = k;
    }
    if (best >= 0) {
      choice[i] = best;
      residual[optFac[best]] -= optLoad[best];
    }
  }
  return choice;
}

class MaxHeap {
  private keys: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  topKey(): number {
    return this.keys[0];
  }

  push(key: number, id: number): void {
    const { keys, ids } = this;
    let at = keys.length;
    keys.push(key);
    ids.push(id);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (keys[parent] >= key) break;
      keys[at] = keys[parent];
      ids[at] = ids[parent];
      at = parent;
    }
    keys[at] = key;
    ids[at] = id;
  }

  pop(): [number, number] {
    const { keys, ids } = this;
    const top: [number, number] = [keys[0], ids[0]];
    const lastKey = keys.pop() as number;
    const lastId = ids.pop() as number;
    const size = keys.length;
    if (size > 0) {
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && keys[child + 1] > keys[child]) child++;
        if (keys[child] <= lastKey) break;
        keys[at] = keys[child];
        ids[at] = ids[child];
        at = child;
      }
      keys[at] = lastKey;
      ids[at] = lastId;
    }
    return top;
  }
}

/**
 * Lagrangian heuristic (Fisher's repair): every job at its cheapest option under the Lagrangian prices
 * `priced` — the relaxed optimum, usually a few factories over capacity — then, while some factory is over,
 * the move out of an overloaded factory into one with room that costs least per unit of load relieved.
 * Returns the choice with every job placed; it may still overload a factory when no such move is left.
 */
export function lagrangianRepair(inst: Instance, priced: Float64Array): Int32Array {
  const { n, m, optStart, optFac, optCost, optLoad, capacity } = inst;
  const choice = new Int32Array(n);
  const load = new Float64Array(m);
  const members: number[][] = Array.from({ length: m }, () => []);
  for (let i = 0; i < n; i++) {
    let best = optStart[i];
    for (let k = best + 1; k < optStart[i + 1]; k++) if (priced[k] < priced[best]) best = k;
    choice[i] = best;
    load[optFac[best]] += optLoad[best];
    members[optFac[best]].push(i);
  }
  for (let f = 0; f < m; f++) {
    while (load[f] > capacity[f] + 1e-9) {
      let bestRatio = Infinity;
      let bestJob = -1;
      let bestK = -1;
      for (const i of members[f]) {
        const k = choice[i];
        for (let k2 = optStart[i]; k2 < optStart[i + 1]; k2++) {
          const g = optFac[k2];
          if (g === f || load[g] + optLoad[k2] > capacity[g] + 1e-9) continue;
          const ratio = (optCost[k2] - optCost[k]) / Math.max(optLoad[k], 1e-9);
          if (ratio < bestRatio) {
            bestRatio = ratio;
            bestJob = i;
            bestK = k2;
          }
        }
      }
      if (bestJob < 0) break;
      const k = choice[bestJob];
      load[f] -= optLoad[k];
      load[optFac[bestK]] += optLoad[bestK];
      members[f].splice(members[f].indexOf(bestJob), 1);
      members[optFac[bestK]].push(bestJob);
      choice[bestJob] = bestK;
    }
  }
  return choice;
}

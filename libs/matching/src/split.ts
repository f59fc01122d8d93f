import { MatchingProblemError } from './matching.errors';

export interface SplitCandidate {
  factory: string;
  /** Units the factory can make before the due date. */
  capacityUnits: number;
  unitCost: number;
  /** Paid once if the factory gets any part of the line. */
  setupCost?: number;
}

export interface SplitInput {
  quantity: number;
  dueDate?: string | number;
  candidates: SplitCandidate[];
  /** Smallest part worth making (default 1). */
  minLot?: number;
}

export interface SplitPart {
  factory: string;
  quantity: number;
  cost: number;
}

export type SplitResult =
  | { status: 'optimal'; totalCost: number; parts: SplitPart[] }
  | { status: 'infeasible'; reason: string; parts: [] };

/** Exact up to this many candidates; beyond, the cheapest this many (by cost of a full load) are used. */
const EXACT_CANDIDATES = 16;

/**
 * Splits a job line across a cluster at minimum cost: Σ setup(used) + Σ unitCost·quantity, each used
 * factory between `minLot` and its capacity, quantities summing to the line's.
 *
 * Method: for a fixed set of used factories the problem is a continuous knapsack with box bounds, solved
 * exactly by giving each `minLot` and filling the rest cheapest unit cost first (integral, since the
 * bounds are). Enumerating the sets (2^k, k ≤ 16) makes it exact; the fewest-factory split wins ties.
 */
export function splitLine(input: SplitInput): SplitResult {
  if (!input || !Array.isArray(input.candidates)) throw new MatchingProblemError('INVALID_PROBLEM', 'splitLine needs "quantity" and a "candidates" array');
  const { quantity } = input;
  const minLot = input.minLot ?? 1;
  if (!Number.isInteger(quantity) || quantity <= 0) throw new MatchingProblemError('INVALID_NUMBER', `quantity must be a positive integer, got ${JSON.stringify(quantity)}`);
  if (!Number.isInteger(minLot) || minLot < 1) throw new MatchingProblemError('INVALID_NUMBER', `minLot must be a positive integer, got ${JSON.stringify(input.minLot)}`);
  const seen = new Set<string>();
  input.candidates.forEach((c, index) => {
    const where = `candidate ${index + 1}${c && typeof c.factory === 'string' ? ` (factory ${c.factory})` : ''}`;
    if (!c || typeof c.factory !== 'string' || c.factory === '') throw new MatchingProblemError('INVALID_PROBLEM', `${where} has no string "factory"`);
    if (seen.has(c.factory)) throw new MatchingProblemError('DUPLICATE_ID', `${where} repeats factory ${c.factory}`);
    seen.add(c.factory);
    if (!Number.isInteger(c.capacityUnits) || c.capacityUnits < 0) throw new MatchingProblemError('INVALID_NUMBER', `${where} capacityUnits must be a non-negative integer, got ${JSON.stringify(c.capacityUnits)}`);
    if (!Number.isFinite(c.unitCost) || c.unitCost < 0) throw new MatchingProblemError('INVALID_NUMBER', `${where} unitCost must be a non-negative number, got ${JSON.stringify(c.unitCost)}`);
    if (c.setupCost !== undefined && !(Number.isFinite(c.setupCost) && c.setupCost >= 0)) throw new MatchingProblemError('INVALID_NUMBER', `${where} setupCost must be a non-negative number, got ${JSON.stringify(c.setupCost)}`);
  });
  const usable = input.candidates.filter((c) => c.capacityUnits >= minLot);
  const total = usable.reduce((s, c) => s + c.capacityUnits, 0);
  if (total < quantity) {
    return { status: 'infeasible', reason: `the candidates can make ${total} units${minLot > 1 ? ` in lots of at least ${minLot}` : ''} before the due date; the line needs ${quantity}`, parts: [] };
  }
  const pool = [...usable]
    .sort((a, b) => a.unitCost + (a.setupCost ?? 0) / a.capacityUnits - (b.unitCost + (b.setupCost ?? 0) / b.capacityUnits) || (a.factory < b.factory ? -1 : 1))
    .slice(0, EXACT_CANDIDATES);
  const k = pool.length;
  let best: { cost: number; size: number; q: number[] } | null = null;
  for (let mask = 1; mask < 1 << k; mask++) {
    const used: number[] = [];
    let cap = 0;
    for (let c = 0; c < k; c++) if (mask & (1 << c)) used.push(c), (cap += pool[c].capacityUnits);
    if (cap < quantity || used.length * minLot > quantity) continue;
    const q = new Array<number>(k).fill(0);
    let left = quantity - used.length * minLot;
    let cost = 0;
    for (const c of used) {
      q[c] = minLot;
      cost += (pool[c].setupCost ?? 0) + pool[c].unitCost * minLot;
    }
    for (const c of [...used].sort((a, b) => pool[a].unitCost - pool[b].unitCost)) {
      const extra = Math.min(left, pool[c].capacityUnits - minLot);
      q[c] += extra;
      cost += extra * pool[c].unitCost;
      left -= extra;
    }
    if (!best || cost < best.cost - 1e-9 || (Math.abs(cost - best.cost) <= 1e-9 && used.length < best.size)) best = { cost, size: used.length, q };
  }
  if (!best) return { status: 'infeasible', reason: `no set of candidates takes ${quantity} units in lots of at least ${minLot}`, parts: [] };
  const found = best;
  const parts = pool.map((c, i) => ({ factory: c.factory, quantity: found.q[i], cost: (c.setupCost ?? 0) + c.unitCost * found.q[i] })).filter((p) => p.quantity > 0);
  return { status: 'optimal', totalCost: found.cost, parts };
}

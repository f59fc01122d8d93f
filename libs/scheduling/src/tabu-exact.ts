import { cloneSolution, compareObjective, Evaluator, objectiveOf, type Solution } from './evaluate';
import type { Instance } from './instance';
import { createRandom } from './random';
import type { ObjectiveValues } from './scheduling.types';
import type { SearchLimits, SearchOutcome } from './tabu-estimate';
import { forEachBlockMove } from './critical-blocks';

interface Move {
  /** 0: shift within a unit's sequence; 1: move to another unit. */
  kind: 0 | 1;
  op: number;
  unit: number;
  from: number;
  to: number;
}

const MAX_CANDIDATES = 48;

/**
 * Tabu search with exact evaluation, for everything the estimate cannot model: calendars, frozen work,
 * machine classes with several units, and weighted tardiness. Neighbourhood: block moves on the critical
 * paths of the most tardy jobs (or of the makespan once nothing is late), and reassignment of critical
 * operations to another unit of their class. Every candidate is scheduled for real, so the objective
 * only ever moves to values that were measured.
 */
export function tabuExact(inst: Instance, initial: Solution, limits: SearchLimits): SearchOutcome {
  const n = inst.dur.length;
  const sol = cloneSolution(initial);
  const { assign, seqs } = sol;
  const pos = new Int32Array(n).fill(-1);
  const reindex = (u: number) => seqs[u].forEach((op, k) => (pos[op] = k));
  seqs.forEach((_, u) => reindex(u));
  const cur = new Evaluator(inst);
  const probe = new Evaluator(inst);
  const rng = createRandom(limits.seed);
  const objective = inst.objective;
  const { jobPred: JP, frozenUnit } = inst;

  cur.evaluate(sol);
  let curObj = objectiveOf(inst, cur.end);
  let best = cloneSolution(sol);
  let bestObj = curObj;

  const pathOps: number[] = [];
  const walkBack = (target: number) => {
    const from = pathOps.length;
    let op = target;
    while (op >= 0 && frozenUnit[op] < 0) {
      pathOps.push(op);
      const jp = JP[op];
      const mp = cur.mpred[op];
      let ready = Math.max(0, inst.release[inst.opJob[op]]);
      let pick = -1;
      if (jp >= 0 && cur.end[jp] > ready) {
        ready = cur.end[jp];
        pick = jp;
      }
      if (mp >= 0 && cur.end[mp] >= ready && cur.end[mp] > 0) pick = mp;
      op = pick;
    }
    const part = pathOps.splice(from).reverse();
    pathOps.push(...part);
    return part;
  };

  const moves: Move[] = [];
  const seen = new Set<string>();
  const addShift = (u: number, from: number, to: number) => {
    const [a, b] = Math.abs(from - to) === 1 ? [Math.min(from, to), Math.max(from, to)] : [from, to];
    const key = `s${u}:${a}:${b}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    moves.push({ kind: 0, op: seqs[u][from], unit: u, from, to });
  };
  const collect = () => {
    moves.length = 0;
    seen.clear();
    pathOps.length = 0;
    const targets: number[] = [];
    if (objective === 'weighted-tardiness' && curObj.weightedTardiness > 0) {
      const tardy: Array<[number, number]> = [];
      for (let j = 0; j < inst.jobOps.length; j++) {
        const last = inst.jobOps[j][inst.jobOps[j].length - 1];
        const late = cur.end[last] + inst.shipBuffer - inst.due[j];
        if (late > 0 && inst.weight[j] > 0) tardy.push([last, inst.weight[j] * late]);
      }
      tardy.sort((a, b) => b[1] - a[1]);
      if (tardy.length > 0) targets.push(tardy[0][0]);
      if (tardy.length > 1) targets.push(tardy[1 + Math.floor(rng() * (tardy.length - 1))][0]);
    }
    if (targets.length === 0) {
      let last = -1;
      let ties = 0;
      for (let op = 0; op < n; op++) {
        if (frozenUnit[op] >= 0 || inst.jobSucc[op] >= 0) continue;
        if (last < 0 || cur.end[op] > cur.end[last]) {
          last = op;
          ties = 1;
        } else if (cur.end[op] === cur.end[last] && rng() * ++ties < 1) {
          last = op;
        }
      }
      if (last >= 0) targets.push(last);
    }
    for (const target of targets) {
      const path = walkBack(target);
      forEachBlockMove(path, assign, pos, addShift);
      for (const op of path) {
        if (inst.eligible[op].length < 2) continue;
        for (const u of inst.eligible[op]) {
          if (u === assign[op]) continue;
          const key = `r${op}:${u}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const s = seqs[u];
          let lo = 0;
          let hi = s.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cur.start[s[mid]] < cur.start[op]) lo = mid + 1;
            else hi = mid;
          }
          moves.push({ kind: 1, op, unit: u, from: pos[op], to: lo });
          if (lo < s.length) moves.push({ kind: 1, op, unit: u, from: pos[op], to: lo + 1 });
        }
      }
    }
    // Keep evaluation bounded on big plans: a random sample of the neighbourhood.
    while (moves.length > MAX_CANDIDATES) {
      const k = Math.floor(rng() * moves.length);
      moves[k] = moves[moves.length - 1];
      moves.pop();
    }
  };

  const apply = (m: Move): (() => void) => {
    if (m.kind === 0) {
      const s = seqs[m.unit];
      const op = s[m.from];
      s.splice(m.from, 1);
      s.splice(m.to, 0, op);
      reindex(m.unit);
      return () => {
        s.splice(m.to, 1);
        s.splice(m.from, 0, op);
        reindex(m.unit);
      };
    }
    const oldUnit = assign[m.op];
    const oldPos = pos[m.op];
    seqs[oldUnit].splice(oldPos, 1);
    seqs[m.unit].splice(Math.min(m.to, seqs[m.unit].length), 0, m.op);
    assign[m.op] = m.unit;
    reindex(oldUnit);
    reindex(m.unit);
    return () => {
      seqs[m.unit].splice(pos[m.op], 1);
      seqs[oldUnit].splice(oldPos, 0, m.op);
      assign[m.op] = oldUnit;
      reindex(oldUnit);
      reindex(m.unit);
      pos[m.op] = oldPos;
    };
  };

  const pairTabu = new Map<number, number>();
  const unitTabu = new Map<number, number>();
  let iter = 1;
  const isTabu = (m: Move): boolean => {
    if (m.kind === 1) return (unitTabu.get(m.op * inst.units.length + m.unit) ?? 0) > iter;
    const s = seqs[m.unit];
    if (m.from < m.to) {
      for (let k = m.from + 1; k <= m.to; k++) if ((pairTabu.get(s[k] * n + m.op) ?? 0) > iter) return true;
    } else {
      for (let k = m.to; k < m.from; k++) if ((pairTabu.get(m.op * n + s[k]) ?? 0) > iter) return true;
    }
    return false;
  };
  const remember = (m: Move, tenure: number) => {
    if (m.kind === 1) {
      unitTabu.set(m.op * inst.units.length + assign[m.op], iter + tenure);
      return;
    }
    const s = seqs[m.unit];
    if (m.from < m.to) for (let k = m.from + 1; k <= m.to; k++) pairTabu.set(m.op * n + s[k], iter + tenure);
    else for (let k = m.to; k < m.from; k++) pairTabu.set(s[k] * n + m.op, iter + tenure);
  };

  const baseTenure = 8 + Math.round(inst.jobOps.length / Math.max(1, inst.units.length));
  const stallLimit = Math.max(300, Math.min(3000, 4 * n));
  const globalStall = Math.max(5000, 40 * n);
  let sinceBest = 0;
  let sinceGlobal = 0;
  let iterations = 0;
  while (iterations < limits.maxIterations && sinceGlobal < globalStall) {
    if (performance.now() > limits.deadline) break;
    if (objective === 'makespan' ? bestObj.makespan <= limits.lowerBound : bestObj.weightedTardiness === 0 && bestObj.makespan <= limits.lowerBound) break;
    iterations++;
    iter++;
    collect();
    if (moves.length === 0) break;
    let pick: Move | null = null;
    let pickObj: ObjectiveValues | null = null;
    for (const m of moves) {
      const undo = apply(m);
      if (probe.evaluate(sol)) {
        const obj = objectiveOf(inst, probe.end);
        const allowed = !isTabu(m) || compareObjective(obj, bestObj, objective) < 0;
        if (allowed && (pickObj === null || compareObjective(obj, pickObj, objective) < 0 || (compareObjective(obj, pickObj, objective) === 0 && rng() < 0.5))) {
          pick = m;
          pickObj = obj;
        }
      }
      undo();
    }
    if (!pick) {
      iter += baseTenure; // everything tabu: let the list expire a little
      continue;
    }
    remember(pick, baseTenure + Math.floor(rng() * baseTenure * 0.5));
    apply(pick);
    cur.evaluate(sol);
    curObj = pickObj as ObjectiveValues;
    if (compareObjective(curObj, bestObj, objective) < 0) {
      bestObj = curObj;
      best = cloneSolution(sol);
      sinceBest = 0;
      sinceGlobal = 0;
    } else {
      sinceBest++;
      sinceGlobal++;
    }
    if (sinceBest > stallLimit) {
      for (let u = 0; u < seqs.length; u++) {
        seqs[u] = best.seqs[u].slice();
        reindex(u);
      }
      assign.set(best.assign);
      cur.evaluate(sol);
      curObj = bestObj;
      // Shake: a few random feasible swaps of adjacent operations on a critical path.
      collect();
      const swaps = moves.filter((m) => m.kind === 0 && Math.abs(m.from - m.to) === 1);
      for (let k = 0; k < 2 + Math.floor(rng() * 3) && swaps.length > 0; k++) {
        const m = swaps.splice(Math.floor(rng() * swaps.length), 1)[0];
        if (seqs[m.unit][m.from] !== m.op) continue;
        const undo = apply(m);
        if (!cur.evaluate(sol)) {
          undo();
          cur.evaluate(sol);
        }
      }
      cur.evaluate(sol);
      curObj = objectiveOf(inst, cur.end);
      iter += 2 * baseTenure + 2;
      sinceBest = 0;
    }
  }
  return { sol: best, iterations };
}

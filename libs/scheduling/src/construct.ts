import { placed, placeOn, type Solution } from './evaluate';
import type { Instance } from './instance';
import type { DispatchRule } from './scheduling.types';

/**
 * Giffler–Thompson dispatching on calendar-aware unit timelines: repeatedly take the pending operation that
 * can finish first, and among the operations competing for its unit (those that could start there before
 * it finishes) schedule the one the rule prefers. Produces active schedules.
 *
 * - `atc`: apparent tardiness cost, w/p · exp(−slack⁺ / (k·p̄)), slack = due − now − remaining work
 * - `edd`: earliest due date; `spt`: shortest operation; `mwkr`: most work remaining; `fifo`: earliest ready
 */
export function construct(inst: Instance, rule: DispatchRule, k = 2): Solution {
  const n = inst.dur.length;
  const nJobs = inst.jobOps.length;
  const { units, dur, setup, eligible, jobOps, opJob, due, weight } = inst;
  const assign = new Int32Array(n).fill(-1);
  const seqs: number[][] = units.map(() => []);
  const unitFree = new Float64Array(units.length);
  const remWork = new Float64Array(n);
  const next = new Int32Array(nJobs);
  const ready = new Float64Array(nJobs);
  let pbarSum = 0;
  let pbarCount = 0;
  let pending = 0;
  for (let j = 0; j < nJobs; j++) {
    const ops = jobOps[j];
    let acc = 0;
    for (let x = ops.length - 1; x >= 0; x--) {
      acc += dur[ops[x]];
      remWork[ops[x]] = acc;
    }
    ready[j] = Math.max(0, inst.release[j]);
    let x = 0;
    while (x < ops.length && inst.frozenUnit[ops[x]] >= 0) {
      assign[ops[x]] = inst.frozenUnit[ops[x]];
      ready[j] = Math.max(ready[j], inst.frozenEnd[ops[x]]);
      x++;
    }
    next[j] = x;
    for (let y = x; y < ops.length; y++) {
      pbarSum += dur[ops[y]];
      pbarCount++;
    }
    pending += ops.length - x;
  }
  const pbar = Math.max(1, pbarCount ? pbarSum / pbarCount : 1);

  const bestEnd = new Float64Array(nJobs);
  const bestUnit = new Int32Array(nJobs);
  while (pending > 0) {
    // Earliest completion of every job's next operation, over its eligible units.
    let starJob = -1;
    for (let j = 0; j < nJobs; j++) {
      if (next[j] >= jobOps[j].length) continue;
      const op = jobOps[j][next[j]];
      let be = Infinity;
      let bu = -1;
      for (const u of eligible[op]) {
        placeOn(units[u], Math.max(ready[j], unitFree[u]), setup[op], dur[op]);
        if (placed.end < be) {
          be = placed.end;
          bu = u;
        }
      }
      bestEnd[j] = be;
      bestUnit[j] = bu;
      if (starJob < 0 || be < bestEnd[starJob]) starJob = j;
    }
    const u = bestUnit[starJob];
    const limit = bestEnd[starJob];
    // The conflict set: operations that could start on u before the earliest completion.
    let choice = -1;
    let choicePrio = -Infinity;
    let choiceTie = -Infinity;
    for (let j = 0; j < nJobs; j++) {
      if (next[j] >= jobOps[j].length) continue;
      const op = jobOps[j][next[j]];
      if (!eligible[op].includes(u)) continue;
      placeOn(units[u], Math.max(ready[j], unitFree[u]), setup[op], dur[op]);
      if (placed.start >= limit && j !== starJob) continue;
      const now = placed.start;
      let prio: number;
      switch (rule) {
        case 'atc': {
          const slack = due[j] - now - remWork[op];
          prio = due[j] === Infinity ? 0 : (weight[j] / Math.max(dur[op], 1e-9)) * Math.exp(-Math.max(0, slack) / (k * pbar));
          break;
        }
        case 'edd':
          prio = -due[j];
          break;
        case 'spt':
          prio = -dur[op];
          break;
        case 'mwkr':
          prio = remWork[op];
          break;
        case 'fifo':
          prio = -ready[j];
          break;
      }
      const tie = rule === 'mwkr' ? -now : remWork[op];
      if (prio > choicePrio || (prio === choicePrio && tie > choiceTie)) {
        choice = op;
        choicePrio = prio;
        choiceTie = tie;
      }
    }
    const j = opJob[choice];
    placeOn(units[u], Math.max(ready[j], unitFree[u]), setup[choice], dur[choice]);
    assign[choice] = u;
    seqs[u].push(choice);
    unitFree[u] = placed.end;
    ready[j] = placed.end;
    next[j]++;
    pending--;
  }
  return { assign, seqs };
}

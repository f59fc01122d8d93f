import { compileProblem, evaluateChoice, quickInfeasibility } from './instance';
import type { AssignmentProblem } from './matching.types';
import { startMilpThread } from './milp';

export interface ExactAssignmentResult {
  /** `optimal` and `infeasible` are HiGHS's proofs; `time-limit` leaves the best cost and bound found. */
  status: 'optimal' | 'infeasible' | 'time-limit' | 'error' | 'unavailable';
  totalCost: number | null;
  /** HiGHS's dual bound (the optimum itself when optimal). */
  lowerBound: number | null;
  ms: number;
}

/**
 * HiGHS alone on the 0-1 model, for its own time limit, with no search beside it: reference optima and
 * bounds for benchmarks on small models. Not for production use — `solveAssignment` is faster to good answers.
 */
export async function exactAssignment(problem: AssignmentProblem, options: { timeLimitMs?: number } = {}): Promise<ExactAssignmentResult> {
  const inst = compileProblem(problem);
  if (quickInfeasibility(inst)) return { status: 'infeasible', totalCost: null, lowerBound: null, ms: 0 };
  const limit = options.timeLimitMs ?? 60_000;
  const run = startMilpThread().solve(inst, limit, null);
  // HiGHS stops itself at its limit and reports its bound; the deadline here is only a backstop.
  const r = await run.result(performance.now() + limit + 30_000);
  const totalCost = r.choice ? evaluateChoice(inst, r.choice).cost : null;
  const lowerBound = r.status === 'optimal' ? totalCost : r.dualBound !== undefined ? (inst.integerCosts ? Math.ceil(r.dualBound - 1e-6) : r.dualBound) : null;
  return { status: r.status, totalCost, lowerBound, ms: r.ms };
}

/** A factory (or one capacity pool of it) and how much load it can still take. */
export interface FactorySpec {
  id: string;
  capacity: number;
}

/** One way to place a job: at `factory`, costing `cost` and using `load` of its capacity. */
export interface JobOption {
  factory: string;
  cost: number;
  load: number;
}

export interface JobSpec {
  id: string;
  options: JobOption[];
}

/** Generalised assignment problem: every job to exactly one of its options, capacities held, total cost minimal. */
export interface AssignmentProblem {
  factories: FactorySpec[];
  jobs: JobSpec[];
  /** Wall-clock budget in ms (default 2000). */
  timeLimitMs?: number;
}

export interface AssignmentOptions {
  /** Seed of the local search (default 1). */
  seed?: number;
  /** Overrides the problem's `timeLimitMs`. */
  timeLimitMs?: number;
  /** Use the HiGHS MILP solver (default true; it is skipped above `milpMaxOptions` options). */
  milp?: boolean;
  /** Largest number of options (MILP columns) handed to HiGHS (default 2,000). */
  milpMaxOptions?: number;
  /**
   * Cap on local-search rounds. With a seed and `milp: false`, a round budget gives the same answer on every
   * machine; a time budget alone depends on the machine's speed.
   */
  maxRounds?: number;
  /**
   * When the time limit passes with no feasible assignment found and none proven impossible, how much longer
   * (ms) to keep looking before giving up with a `NOT_SOLVED` error (default: the time limit, at least 1 s).
   * With `maxRounds`, the grace search is also held to that many rounds.
   */
  feasibilityGraceMs?: number;
}

export type AssignmentStatus = 'optimal' | 'feasible' | 'infeasible';

export interface Assignment {
  job: string;
  factory: string;
}

export interface AssignmentResult {
  /** `optimal` only when proven (HiGHS says so, or the cost meets the lower bound). */
  status: AssignmentStatus;
  /** Sum of the chosen options' costs; null when infeasible. */
  totalCost: number | null;
  /** Proven lower bound on the optimal cost (Lagrangian, or HiGHS's dual bound when larger). */
  lowerBound?: number;
  /** One entry per job, in input order; empty when infeasible. */
  assignments: Assignment[];
  /** Why there is no assignment (infeasible only). */
  reason?: string;
  stats: AssignmentStats;
}

export interface AssignmentStats {
  seed: number;
  elapsedMs: number;
  /** Which method produced the answer. */
  method: 'precheck' | 'construction' | 'local-search' | 'milp';
  /** Cost after the regret construction (null when it left a job unplaced). */
  constructionCost: number | null;
  lagrangianBound: number;
  localSearchRounds: number;
  milp?: { status: string; ms: number; dualBound?: number };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { runEligibilityBench } from './eligibility';
import { assignmentLowerBound, generateGap, greedyAssignment, solveAssignment, type AssignmentProblem, type AssignmentResult, type GapInstanceType } from '@partsmith/matching';

/**
 * The GAP solver against the greedy baseline (jobs in order, cheapest option that fits), in the same run,
 * on seeded C/D/E instances (libs/matching/src/generate.ts) from 10 × 100 to 100 × 10,000.
 * Gap = (cost − LB) / LB against a reference bound computed apart from the solver and its time limit: the
 * Lagrangian dual (= LP relaxation) run to convergence, or the solver's own bound when that is higher (HiGHS's
 * dual bound on small instances). The optimum lies between the bound and the cost, so the gap to the optimum
 * is at most the figure shown. Results go to bench/results/matching.{json,md}.
 */
interface Row {
  type: GapInstanceType;
  factories: number;
  jobs: number;
  timeLimitMs: number;
  solver: { status: string; cost: number | null; ms: number; method: string; milp?: string };
  /** max(reference Lagrangian bound run to convergence, the solver's own bound). */
  lowerBound: number | null;
  referenceBound: number | null;
  solverBound: number | null;
  gapPct: number | null;
  greedy: { cost: number | null; ms: number };
  greedyGapPct: number | null;
  /** solver cost / greedy cost; null when greedy found no feasible assignment. */
  ratio: number | null;
}

const root = path.resolve(__dirname, '..', '..', '..');
const sizes: [number, number, number][] = [
  [10, 100, 2000],
  [20, 200, 2000],
  [40, 400, 2000],
  [80, 1600, 2000],
  [100, 10_000, 10_000],
];

function check(p: AssignmentProblem, r: AssignmentResult): void {
  if (r.status === 'infeasible') return;
  const load = new Map<string, number>();
  let sum = 0;
  r.assignments.forEach((a, i) => {
    const o = p.jobs[i].options.find((x) => x.factory === a.factory);
    if (!o || a.job !== p.jobs[i].id) throw new Error(`bad assignment for ${a.job}`);
    sum += o.cost;
    load.set(a.factory, (load.get(a.factory) ?? 0) + o.load);
  });
  for (const f of p.factories) if ((load.get(f.id) ?? 0) > f.capacity) throw new Error(`factory ${f.id} over capacity`);
  if (Math.abs(sum - (r.totalCost ?? NaN)) > 1e-6) throw new Error('totalCost is not the sum');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const type of ['C', 'D', 'E'] as GapInstanceType[]) {
    for (const [m, n, limit] of sizes) {
      const p = generateGap(type, m, n, 1);
      const t0 = performance.now();
      const r = await solveAssignment(p, { seed: 1, timeLimitMs: limit });
      const ms = performance.now() - t0;
      check(p, r);
      const t1 = performance.now();
      const g = greedyAssignment(p);
      const gms = performance.now() - t1;
      check(p, g);
      // Apart from the solver's clock: up to 20,000 subgradient steps, 20 s at most.
      const reference = assignmentLowerBound(p, { timeLimitMs: 20_000, upperBound: r.totalCost ?? undefined });
      const bounds = [reference, r.lowerBound ?? null].filter((b): b is number => b !== null);
      const lb = bounds.length > 0 ? Math.max(...bounds) : null;
      const gap = (cost: number | null) => (cost !== null && lb !== null && lb > 0 ? (100 * (cost - lb)) / lb : null);
      const row: Row = {
        type,
        factories: m,
        jobs: n,
        timeLimitMs: limit,
        solver: { status: r.status, cost: r.totalCost, ms, method: r.stats.method, ...(r.stats.milp ? { milp: r.stats.milp.status } : {}) },
        lowerBound: lb,
        referenceBound: reference,
        solverBound: r.lowerBound ?? null,
        gapPct: gap(r.totalCost),
        greedy: { cost: g.totalCost, ms: gms },
        greedyGapPct: gap(g.totalCost),
        ratio: r.totalCost !== null && g.totalCost !== null ? r.totalCost / g.totalCost : null,
      };
      rows.push(row);
      process.stderr.write(`  ${type} ${m}×${n}: ${r.status} ${r.totalCost} (gap ${row.gapPct?.toFixed(2)} %) vs greedy ${g.totalCost} in ${Math.round(ms)} ms\n`);
    }
  }
  const fmt = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
  const feasible = rows.filter((r) => r.solver.cost !== null).length;
  const greedyFeasible = rows.filter((r) => r.greedy.cost !== null).length;
  const gaps = rows.map((r) => r.gapPct).filter((g): g is number => g !== null);
  const meanGap = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
  const md = [
    '# Matching (GAP) benchmark',
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}. Seeded instances (libs/matching/src/generate.ts, types C/D/E as in the OR-Library sets; every job may go to every factory; capacities 0.8·Σload/m). Every answer checked (each job once, listed option, capacities, cost = sum).`,
    'Solver: regret constructions → Lagrangian bound (capacities relaxed, subgradient) → tabu search (shift and swap moves, adaptive per-factory overload penalties, candidate options by Lagrangian reduced cost), with HiGHS MILP beside it on a worker thread for models up to 2,000 options. Seed 1.',
    'Baseline: greedy — jobs in input order, each to its cheapest option that still fits (no search). Gap = (cost − LB)/LB where LB = max(reference bound, the solver\'s proven bound); the reference bound is the Lagrangian dual (= LP relaxation) run to convergence apart from the solver\'s time limit. The optimum lies between LB and the cost, so the gap to the optimum is at most this.',
    '',
    `Solver feasible on ${feasible}/${rows.length}; greedy on ${greedyFeasible}/${rows.length}. Mean gap to the lower bound: ${fmt(meanGap)} %.`,
    '',
    '| Type | m × n | Limit s | Status | Solver cost | LB | Gap to LB % | Solver s | Answer from | Greedy cost | Greedy gap % | Greedy s | Solver / greedy |',
    '|---|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.type} | ${r.factories} × ${r.jobs.toLocaleString('en-US')} | ${r.timeLimitMs / 1000} | ${r.solver.status} | ${fmt(r.solver.cost, 0)} | ${fmt(r.lowerBound, 1)} | ${fmt(r.gapPct)} | ${fmt(r.solver.ms / 1000)} | ${r.solver.method}${r.solver.milp ? ` (MILP ${r.solver.milp})` : ''} | ${r.greedy.cost === null ? 'infeasible' : fmt(r.greedy.cost, 0)} | ${fmt(r.greedyGapPct)} | ${fmt(r.greedy.ms / 1000, 3)} | ${fmt(r.ratio, 3)} |`,
    ),
    '',
  ].join('\n');
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'matching.json'), `${JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, meanGapPct: meanGap, rows }, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'matching.md'), md);
  process.stdout.write(md);
  // Eligibility in PostgreSQL: 10,000 factories × 1,000 open jobs (bench/matching/eligibility.ts).
  await runEligibilityBench();
}

main().catch((error) => {
  process.stderr.write(`bench:matching failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { createInsertionPlan, insertJob, solveSchedule, validateSchedule, type Schedule, type SchedulingProblem, type SolveOptions } from '@partsmith/scheduling';
import { factoryProblem, jobShopProblem, prospectiveJob } from './generate';

/**
 * The scheduling engine against plain dispatching, in the same run: a 10-machine shop with calendars and
 * machine classes (weighted tardiness, then makespan; baseline EDD), and Taillard-style job shops
 * (makespan; baseline SPT). Then the insertion query's latency on a plan of ~500 operations.
 * Results go to bench/results/scheduling.{json,md}. Seeded: the instances are the same every run.
 */
interface Row {
  family: 'factory' | 'job-shop';
  instance: string;
  operations: number;
  timeLimitMs: number;
  solver: { weightedTardiness: number; makespan: number; ms: number; iterations: number; atRisk: number };
  baseline: { rule: string; weightedTardiness: number; makespan: number; ms: number; atRisk: number };
  /** solver / baseline; < 1 is better. null when the baseline is 0. */
  wtRatio: number | null;
  makespanRatio: number;
  makespanLowerBound?: number;
}

const root = path.resolve(__dirname, '..', '..', '..');

function run(problem: SchedulingProblem, options: SolveOptions): { schedule: Schedule; ms: number } {
  const t0 = performance.now();
  const schedule = solveSchedule(problem, options);
  const ms = performance.now() - t0;
  const violations = validateSchedule(problem, schedule);
  if (violations.length > 0) throw new Error(`invalid schedule: ${violations[0].message}`);
  return { schedule, ms };
}

function compare(family: Row['family'], instance: string, problem: SchedulingProblem, baselineRule: 'edd' | 'spt'): Row {
  const timeLimitMs = problem.timeLimitMs ?? 5000;
  const solved = run(problem, { seed: 1 });
  const base = run(problem, { rule: baselineRule, improve: false });
  const row: Row = {
    family,
    instance,
    operations: solved.schedule.operations.length,
    timeLimitMs,
    solver: { weightedTardiness: solved.schedule.weightedTardiness, makespan: solved.schedule.makespan, ms: solved.ms, iterations: solved.schedule.stats.iterations, atRisk: solved.schedule.atRiskJobs },
    baseline: { rule: baselineRule.toUpperCase(), weightedTardiness: base.schedule.weightedTardiness, makespan: base.schedule.makespan, ms: base.ms, atRisk: base.schedule.atRiskJobs },
    wtRatio: base.schedule.weightedTardiness > 0 ? solved.schedule.weightedTardiness / base.schedule.weightedTardiness : null,
    makespanRatio: solved.schedule.makespan / base.schedule.makespan,
    ...(solved.schedule.stats.makespanLowerBound !== undefined ? { makespanLowerBound: solved.schedule.stats.makespanLowerBound } : {}),
  };
  process.stderr.write(`  ${instance}: WT ${row.solver.weightedTardiness} vs ${row.baseline.weightedTardiness}, makespan ${row.solver.makespan} vs ${row.baseline.makespan} (${Math.round(row.solver.ms)} ms)\n`);
  return row;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const int = (value: number): string => Math.round(value).toLocaleString('en-US');

function main(): void {
  const started = Date.now();
  const rows: Row[] = [];
  for (const [ops, limit] of [
    [50, 1000],
    [200, 3000],
    [1000, 10000],
  ] as const) {
    rows.push(compare('factory', `factory 10 machines × ${ops} ops`, factoryProblem(ops, ops, limit), 'edd'));
  }
  for (const [jobs, machines, limit] of [
    [10, 10, 2000],
    [20, 10, 4000],
    [50, 10, 6000],
    [30, 20, 10000],
    [50, 20, 10000],
  ] as const) {
    rows.push(compare('job-shop', `job shop ${jobs} × ${machines}`, jobShopProblem(jobs, machines, jobs * 100 + machines, limit), 'spt'));
  }

  // Insertion latency: a solved plan of ~500 operations on the 10-machine shop.
  const planProblem = factoryProblem(500, 500, 3000);
  const plan = run(planProblem, { seed: 1 }).schedule;
  const t0 = performance.now();
  const index = createInsertionPlan(planProblem, plan);
  const indexMs = performance.now() - t0;
  const latencies: number[] = [];
  for (let q = 0; q < 20; q++) insertJob(index, prospectiveJob(q)); // warm-up
  for (let q = 0; q < 500; q++) {
    const job = prospectiveJob(1000 + q);
    const s = performance.now();
    insertJob(index, job);
    latencies.push(performance.now() - s);
  }
  const coldMs: number[] = [];
  for (let q = 0; q < 20; q++) {
    const s = performance.now();
    insertJob(createInsertionPlan(planProblem, plan), prospectiveJob(5000 + q));
    coldMs.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  coldMs.sort((a, b) => a - b);
  const insertion = {
    plannedOperations: plan.operations.length,
    machines: 10,
    queries: latencies.length,
    indexMs,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies[latencies.length - 1],
    coldP50Ms: percentile(coldMs, 50),
    coldP95Ms: percentile(coldMs, 95),
  };

  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`;
  const lines = [
    '# Scheduling benchmark',
    '',
    `Machine: ${machine}. Seeded instances (bench/scheduling/generate.ts); every schedule checked with \`validateSchedule\`.`,
    'Solver = best of the dispatching rules, then tabu search until the time limit (or a stall / a proven optimum); seed 1.',
    'Baselines are single dispatching rules without improvement, run on the same instance in the same process:',
    'EDD (earliest due date) for the factory shop, SPT (shortest processing time) for the job shops. Ratio = solver / baseline (lower is better).',
    '',
    '- **factory**: 10 machines in 5 classes (3-axis mills ×3, 5-axis mills ×2, lathes ×2, deburr ×2, CMM ×1), Mon–Fri 06:00–22:00 Europe/Berlin, holidays, a service window; jobs of 3–6 operations with setups, releases, due dates, weights. Objective: weighted tardiness, then makespan (minutes).',
    '- **job shop**: Taillard-style, every job visits every machine once in random order, durations 1–99. Objective: makespan. LB = max(longest job, busiest machine).',
    '',
    '| Instance | Ops | Limit s | Solver WT | EDD/SPT WT | WT ratio | Solver makespan | Baseline makespan | Makespan ratio | LB | Gap to LB | Solver s | Iterations | At risk (solver / baseline) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.instance} | ${r.operations} | ${fmt(r.timeLimitMs / 1000, 0)} | ${int(r.solver.weightedTardiness)} | ${int(r.baseline.weightedTardiness)} | ${fmt(r.wtRatio, 3)} | ${int(r.solver.makespan)} | ${int(r.baseline.makespan)} | ${fmt(r.makespanRatio, 3)} | ${r.makespanLowerBound !== undefined ? int(r.makespanLowerBound) : '—'} | ${r.makespanLowerBound !== undefined ? `${fmt((100 * (r.solver.makespan - r.makespanLowerBound)) / r.makespanLowerBound, 1)} %` : '—'} | ${fmt(r.solver.ms / 1000, 2)} | ${int(r.solver.iterations)} | ${r.solver.atRisk} / ${r.baseline.atRisk} |`,
    ),
    '',
    `## Insertion query ("earliest completion if this job were added")`,
    '',
    `Plan: the factory shop with ${insertion.plannedOperations} scheduled operations on ${insertion.machines} machines; ${insertion.queries} prospective 3-operation jobs (machine classes, setups), after 20 warm-up queries.`,
    '',
    '| Measure | ms |',
    '|---|---:|',
    `| \`createInsertionPlan\` (once per plan) | ${fmt(insertion.indexMs, 3)} |`,
    `| \`insertJob\` p50 | ${fmt(insertion.p50Ms, 3)} |`,
    `| \`insertJob\` p95 | ${fmt(insertion.p95Ms, 3)} |`,
    `| \`insertJob\` max | ${fmt(insertion.maxMs, 3)} |`,
    `| plan + query from scratch (\`earliestCompletion\`) p50 | ${fmt(insertion.coldP50Ms, 3)} |`,
    `| plan + query from scratch p95 | ${fmt(insertion.coldP95Ms, 3)} |`,
    '',
    `Total benchmark time: ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
  ];
  const resultsDir = path.join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'scheduling.json'), `${JSON.stringify({ machine, date: new Date().toISOString(), rows, insertion }, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'scheduling.md'), lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench:scheduling failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}

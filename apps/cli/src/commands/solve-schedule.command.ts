import { Command } from 'commander';
import { isSchedulingProblemError, solveSchedule, validateSchedule, type Schedule, type SchedulingProblem } from '@partsmith/scheduling';
import { commandIo, integerOption, oneLine } from './cli-io';

const { fail, readJson } = commandIo('solve-schedule');

interface SolveScheduleOptions {
  json?: boolean;
  table?: boolean;
  seed?: number;
  timeLimitMs?: number;
}

/**
 * `partsmith solve-schedule <problem.json>`: schedules a problem (machines, calendars, jobs with routings)
 * and prints a summary, or the schedule as one JSON object with `--json` — also the default when stdout is
 * not a terminal, so scripts piping the output get JSON without asking. The time limit counts from process
 * start: the schedule is on stdout before it runs out.
 */
export function registerSolveScheduleCommand(program: Command): void {
  program
    .command('solve-schedule')
    .description('schedule jobs on machines (calendars, routings, due dates) and print the plan')
    .argument('<problem>', 'path to the problem JSON (schema: libs/scheduling/README.md)')
    .option('--json', 'print the schedule as one JSON object (default when stdout is not a terminal)')
    .option('--table', 'print the summary table even when stdout is not a terminal')
    .option('--seed <n>', 'random seed of the local search (default 1)', integerOption)
    .option('--time-limit-ms <n>', "wall-clock limit in ms, overriding the problem's timeLimitMs (default 5000)", integerOption)
    .action((file: string, options: SolveScheduleOptions) => {
      const problem = readJson<SchedulingProblem>(file);
      if (!problem) return;
      try {
        const limit = options.timeLimitMs ?? (typeof problem.timeLimitMs === 'number' && problem.timeLimitMs > 0 ? problem.timeLimitMs : 5000);
        // Keep the promise "answer within the limit": subtract start-up time and leave room to validate and print.
        const spent = process.uptime() * 1000;
        const budget = Math.max(20, limit - spent - Math.min(500, Math.max(60, limit * 0.05)));
        const schedule = solveSchedule(problem, { seed: options.seed, timeLimitMs: budget });
        const violations = validateSchedule(problem, schedule);
        if (violations.length > 0) {
          fail(`${file}: internal error, the schedule breaks a rule: ${violations[0].message}`);
          return;
        }
        const asJson = options.json || (!options.table && !process.stdout.isTTY);
        process.stdout.write(asJson ? `${JSON.stringify(toJson(schedule))}\n` : summary(file, schedule));
      } catch (error) {
        fail(isSchedulingProblemError(error) ? `${file}: ${error.message}` : `${file}: could not be scheduled (${oneLine(error)})`);
      }
    });
}

function toJson(s: Schedule) {
  return {
    status: s.status,
    objective: s.objective,
    makespan: s.makespan,
    weightedTardiness: s.weightedTardiness,
    totalTardiness: s.totalTardiness,
    atRiskJobs: s.atRiskJobs,
    ...(s.start ? { start: s.start } : {}),
    operations: s.operations,
    jobs: s.jobs,
    stats: s.stats,
  };
}

function summary(file: string, s: Schedule): string {
  const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const when = (t: number, iso?: string) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : n(t));
  const lines = [
    `${file}: ${s.jobs.length} jobs, ${s.operations.length} operations — ${s.status}`,
    `  Objective           ${s.objective === 'makespan' ? 'makespan, then weighted tardiness' : 'weighted tardiness, then makespan'}`,
    `  Weighted tardiness  ${n(s.weightedTardiness)} (constructive ${n(s.stats.constructive.weightedTardiness)}, ${s.stats.constructive.rule})`,
    `  Makespan            ${n(s.makespan)} (constructive ${n(s.stats.constructive.makespan)}${s.stats.makespanLowerBound !== undefined ? `, lower bound ${n(s.stats.makespanLowerBound)}` : ''})`,
    `  At risk             ${s.atRiskJobs} of ${s.jobs.length} jobs promised after their due date`,
    `  Search              ${s.stats.method}, ${n(s.stats.iterations)} iterations in ${n(s.stats.elapsedMs)} ms, seed ${s.stats.seed}`,
    '',
  ];
  const rows = s.jobs.map((j) => [String(j.job), j.due === null ? '—' : when(j.due, j.dueAt), when(j.promised, j.promisedAt), n(j.tardiness), j.atRisk ? 'AT RISK' : '']);
  const header = ['Job', 'Due', 'Promised', 'Tardiness', ''];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]) => `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`.trimEnd();
  lines.push(fmt(header), ...rows.map(fmt), '');
  const byMachine = new Map<string, { ops: number; busy: number }>();
  for (const op of s.operations) {
    const m = byMachine.get(String(op.machine)) ?? { ops: 0, busy: 0 };
    m.ops++;
    m.busy += op.end - op.start;
    byMachine.set(String(op.machine), m);
  }
  lines.push('  Machine loads (operations, time held):');
  for (const [m, v] of byMachine) lines.push(`    ${m.padEnd(12)} ${String(v.ops).padStart(5)} ops  ${n(v.busy)}`);
  return `${lines.join('\n')}\n`;
}

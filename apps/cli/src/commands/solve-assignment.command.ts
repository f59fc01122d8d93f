import { readFileSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { isMatchingProblemError, solveAssignment, type AssignmentProblem } from '@partsmith/matching';

interface SolveAssignmentOptions {
  seed?: number;
  timeLimitMs?: number;
}

const MAX_PROBLEM_BYTES = 256 * 1024 * 1024;

/**
 * `partsmith solve-assignment <problem.json>`: generalised assignment (factories with capacities, jobs with
 * options {factory, cost, load}). Prints one JSON object on stdout:
 * {status, totalCost, lowerBound?, assignments: [{job, factory}], reason?}. Bad input: exit 1, one line on
 * stderr. The time limit counts from process start: the answer is on stdout before it runs out.
 */
export function registerSolveAssignmentCommand(program: Command): void {
  program
    .command('solve-assignment')
    .description('assign jobs to factories within capacities at minimum total cost (generalised assignment)')
    .argument('<problem>', 'path to the problem JSON (schema: libs/matching/README.md)')
    .option('--time-limit-ms <n>', "wall-clock limit in ms, overriding the problem's timeLimitMs (default 2000)", integerOption)
    .option('--seed <n>', 'random seed of the local search (default 1)', integerOption)
    .action(async (file: string, options: SolveAssignmentOptions) => {
      const problem = readProblem(file);
      if (!problem) return;
      try {
        const limit = options.timeLimitMs ?? (typeof problem.timeLimitMs === 'number' && problem.timeLimitMs > 0 ? problem.timeLimitMs : 2000);
        // Keep the promise "answer within the limit": subtract start-up time and leave room to print.
        const spent = process.uptime() * 1000;
        const budget = Math.max(20, limit - spent - Math.min(300, Math.max(50, limit * 0.05)));
        const result = await solveAssignment(problem, { seed: options.seed, timeLimitMs: budget });
        const out = {
          status: result.status,
          totalCost: result.totalCost,
          ...(result.lowerBound !== undefined ? { lowerBound: result.lowerBound } : {}),
          assignments: result.assignments,
          ...(result.reason ? { reason: result.reason } : {}),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      } catch (error) {
        fail(isMatchingProblemError(error) ? `${file}: ${error.message}` : `${file}: could not be solved (${oneLine(error)})`);
      }
    });
}

function integerOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function readProblem(file: string): AssignmentProblem | null {
  let text: string;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) return fail(`${file} is a directory; give the path of a problem JSON file.`);
    if (stats.size > MAX_PROBLEM_BYTES) return fail(`${file} is ${Math.round(stats.size / 2 ** 20)} MiB; the limit is 256 MiB.`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`${file} does not exist; check the path.`);
    if (code === 'EACCES' || code === 'EPERM') return fail(`${file} cannot be read (permission denied).`);
    return fail(`${file} cannot be read (${oneLine(error)}).`);
  }
  try {
    return JSON.parse(text) as AssignmentProblem;
  } catch (error) {
    return fail(`${file} is not valid JSON (${oneLine(error)}).`);
  }
}

function fail(line: string): null {
  process.stderr.write(`partsmith solve-assignment: ${line}\n`);
  process.exitCode = 1;
  return null;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

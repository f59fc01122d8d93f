import { Command } from 'commander';
import { isMatchingProblemError, solveAssignment, type AssignmentProblem } from '@partsmith/matching';
import { commandIo, integerOption, oneLine } from './cli-io';

const { fail, readJson } = commandIo('solve-assignment');

interface SolveAssignmentOptions {
  seed?: number;
  timeLimitMs?: number;
}

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
      const problem = readJson<AssignmentProblem>(file);
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


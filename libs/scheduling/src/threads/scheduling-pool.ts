import * as path from 'node:path';
import { WorkerPool } from '@partsmith/worker-pool';
import { SchedulingProblemError, type SchedulingErrorCode } from '../scheduling.errors';
import type { Schedule, SchedulingProblem, SolveOptions } from '../scheduling.types';

export interface SchedulingPoolOptions {
  /** Threads (default: cores − 1, at least 1). */
  size?: number;
  /** A solve running longer than this (beyond its own time limit) is abandoned and its thread replaced (default 60 s). */
  taskTimeoutMs?: number;
}

/**
 * `solveSchedule` on worker threads: the same answer as calling it in-process (same problem, options and
 * seed), while the caller's event loop keeps serving jobs and requests during the solve. A bad problem
 * rejects with the same typed SchedulingProblemError.
 */
export class SchedulingPool {
  private readonly pool: WorkerPool;

  constructor(options: SchedulingPoolOptions = {}) {
    this.pool = new WorkerPool({
      size: options.size,
      taskTimeoutMs: options.taskTimeoutMs ?? 60_000,
      name: 'scheduling',
      script: path.join(__dirname, 'scheduling-thread.js'),
      reviveError: (error) => (error.name === 'SchedulingProblemError' ? new SchedulingProblemError(error.code as SchedulingErrorCode, error.message) : new Error(error.message)),
    });
  }

  solve(problem: SchedulingProblem, options: SolveOptions = {}): Promise<Schedule> {
    return this.pool.run<Schedule>({ problem, options });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

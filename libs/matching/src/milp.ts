import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Instance } from './instance';

export interface MilpResult {
  status: 'optimal' | 'infeasible' | 'time-limit' | 'error' | 'unavailable';
  /** Option index per job, when HiGHS holds an integer-feasible solution. */
  choice: Int32Array | null;
  dualBound?: number;
  ms: number;
}

/** A thread loading HiGHS, to be given the model once there is an incumbent to warm-start it with. */
export interface MilpThread {
  /** Hands HiGHS the model; it stops itself after `timeLimitMs` (roughly: the caller still keeps a deadline). */
  solve(inst: Instance, timeLimitMs: number, incumbent: Int32Array | null, mode?: MilpMode): MilpRun;
  /** Stops the thread without solving. */
  cancel(): void;
}

/** `optimise` minimises cost; `feasibility` drops the costs, so HiGHS only looks for (or refutes) a feasible assignment. */
export type MilpMode = 'optimise' | 'feasibility';

/** HiGHS running on its own thread. */
export interface MilpRun {
  /** True once HiGHS has its answer (readable without yielding to the event loop, e.g. inside a search loop). */
  finished(): boolean;
  /** HiGHS's answer, or `time-limit` with no solution if it has not finished by `deadline` (the thread is then stopped). */
  result(deadline: number): Promise<MilpResult>;
}

/**
 * Starts a thread (milp-thread.js) that loads HiGHS; `solve` then hands it the GAP as a 0-1 program — one
 * binary column per option, a row Σ x = 1 per job and a row Σ load·x ≤ capacity per factory — warm-started
 * from `incumbent`. With integer costs, an absolute gap below 1 proves optimality. HiGHS may overrun its own
 * time limit, so the caller waits only until its deadline and abandons the thread after that.
 */
export function startMilpThread(): MilpThread {
  const t0 = performance.now();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const ms = () => performance.now() - t0;
  const finished = () => Atomics.load(done, 0) === 1;
  let worker: Worker | null = null;
  try {
    worker = new Worker(path.join(__dirname, 'milp-thread.js'), { workerData: { done } });
    worker.unref();
  } catch {
    worker = null;
  }
  const thread = worker;
  return {
    cancel: () => void thread?.terminate(),
    solve(inst: Instance, timeLimitMs: number, incumbent: Int32Array | null, mode: MilpMode = 'optimise'): MilpRun {
      if (!thread) {
        const unavailable: MilpResult = { status: 'unavailable', choice: null, ms: ms() };
        return { finished: () => true, result: () => Promise.resolve(unavailable) };
      }
      const { n, colJob, task } = milpModel(inst, timeLimitMs, incumbent, mode);
      const answer = new Promise<MilpResult>((resolve) => {
        thread.once('message', (message: { ok: boolean; result?: { status: MilpResult['status']; dualBound?: number; colValue: Float64Array | null } }) => {
          if (!message.ok || !message.result) return resolve({ status: 'error', choice: null, ms: ms() });
          const { status, dualBound, colValue } = message.result;
          let choice: Int32Array | null = null;
          if (colValue) {
            choice = new Int32Array(n).fill(-1);
            for (let k = 0; k < colValue.length; k++) if (colValue[k] > 0.5) choice[colJob[k]] = k;
            if (choice.some((k) => k < 0)) choice = null;
          }
          resolve({ status, choice, ms: ms(), ...(dualBound !== undefined ? { dualBound } : {}) });
        });
        thread.once('error', () => resolve({ status: 'unavailable', choice: null, ms: ms() }));
        thread.once('exit', () => resolve({ status: 'error', choice: null, ms: ms() }));
      });
      thread.postMessage(task);
      return {
        finished,
        async result(deadline: number): Promise<MilpResult> {
          // HiGHS sets the flag just before posting, so a finished thread's answer is one event-loop turn away.
          // Polled in short sleeps rather than one long timer: timers run late on a busy machine.
          while (!finished()) {
            const left = deadline - performance.now();
            if (left <= 0) {
              void thread.terminate();
              return { status: 'time-limit', choice: null, ms: ms() };
            }
            await new Promise((resolve) => setTimeout(resolve, Math.min(10, left)));
          }
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<MilpResult>((resolve) => {
            timer = setTimeout(() => resolve({ status: 'time-limit', choice: null, ms: ms() }), Math.max(0, deadline - performance.now()));
          });
          const outcome = await Promise.race([answer, late]);
          clearTimeout(timer);
          void thread.terminate();
          return outcome;
        },
      };
    },
  };
}

function milpModel(inst: Instance, timeLimitMs: number, incumbent: Int32Array | null, mode: MilpMode) {
  const { n, m, optStart, optFac, optCost, optLoad, capacity } = inst;
  const cols = optStart[n];
  const starts = new Int32Array(cols + 1);
  const indices = new Int32Array(2 * cols);
  const values = new Float64Array(2 * cols);
  const colJob = new Int32Array(cols);
  for (let i = 0; i < n; i++) {
    for (let k = optStart[i]; k < optStart[i + 1]; k++) {
      colJob[k] = i;
      starts[k] = 2 * k;
      indices[2 * k] = i;
      values[2 * k] = 1;
      indices[2 * k + 1] = n + optFac[k];
      values[2 * k + 1] = optLoad[k];
    }
  }
  starts[cols] = 2 * cols;
  const rowLower = new Float64Array(n + m).fill(-Infinity);
  const rowUpper = new Float64Array(n + m);
  rowLower.fill(1, 0, n);
  rowUpper.fill(1, 0, n);
  rowUpper.set(capacity, n);
  let warm: Float64Array | null = null;
  if (incumbent) {
    warm = new Float64Array(cols);
    for (let i = 0; i < n; i++) warm[incumbent[i]] = 1;
  }
  const task = {
    numCols: cols,
    numRows: n + m,
    colCost: mode === 'feasibility' ? new Float64Array(cols) : optCost,
    starts,
    indices,
    values,
    rowLower,
    rowUpper,
    incumbent: warm,
    timeLimitMs,
    options: { random_seed: 1, mip_rel_gap: 0, mip_abs_gap: inst.integerCosts ? 0.999 : 1e-6 },
  };
  return { n, colJob, task };
}

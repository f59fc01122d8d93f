import type { Instance } from './instance';

/** Loaded HiGHS runtime (highs-js 1.x: HiGHS compiled to WebAssembly), or null when it cannot load. */
type HighsRuntime = {
  infinity: number;
  createModel(source: unknown): HighsModel;
};
type HighsModel = {
  options: { set(values: Record<string, unknown>): unknown };
  info: { get(name: string): number | bigint };
  setSolution(solution: { colValue: Float64Array }): unknown;
  run(): { modelStatus: number };
  getSolution(): { colValue: Float64Array };
  dispose(): void;
};

let runtime: Promise<HighsRuntime | null> | null = null;

function loadHighs(): Promise<HighsRuntime | null> {
  runtime ??= (async () => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loader = require('highs') as (options?: unknown) => Promise<HighsRuntime>;
      // HiGHS's own printing would go to stdout; the CLI's stdout is the answer.
      return await loader({ print: () => undefined, printErr: () => undefined });
    } catch {
      return null;
    }
  })();
  return runtime;
}

export interface MilpResult {
  status: 'optimal' | 'infeasible' | 'time-limit' | 'error' | 'unavailable';
  /** Option index per job, when HiGHS holds an integer-feasible solution. */
  choice: Int32Array | null;
  dualBound?: number;
  ms: number;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;

/**
 * The GAP as a 0-1 program for HiGHS: one binary column per option, a row Σ x = 1 per job and a row
 * Σ load·x ≤ capacity per factory; warm-started from `incumbent` when given. With integer costs, an absolute
 * gap below 1 proves optimality.
 */
export async function solveMilp(inst: Instance, timeLimitMs: number, incumbent: Int32Array | null): Promise<MilpResult> {
  const t0 = performance.now();
  const highs = await loadHighs();
  if (!highs) return { status: 'unavailable', choice: null, ms: performance.now() - t0 };
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
  const rowLower = new Float64Array(n + m);
  const rowUpper = new Float64Array(n + m);
  for (let i = 0; i < n; i++) {
    rowLower[i] = 1;
    rowUpper[i] = 1;
  }
  for (let f = 0; f < m; f++) {
    rowLower[n + f] = -highs.infinity;
    rowUpper[n + f] = capacity[f];
  }
  let model: HighsModel | null = null;
  try {
    model = highs.createModel({
      numCols: cols,
      numRows: n + m,
      colCost: optCost,
      colLower: new Float64Array(cols),
      colUpper: new Float64Array(cols).fill(1),
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: n + m, numCols: cols, starts, indices, values },
      integrality: new Int32Array(cols).fill(1),
    });
    const remaining = Math.max(0.01, (timeLimitMs - (performance.now() - t0)) / 1000);
    model.options.set({
      output_flag: false,
      time_limit: remaining,
      random_seed: 1,
      mip_rel_gap: 0,
      mip_abs_gap: inst.integerCosts ? 0.999 : 1e-6,
    });
    if (incumbent) {
      const x = new Float64Array(cols);
      for (let i = 0; i < n; i++) x[incumbent[i]] = 1;
      model.setSolution({ colValue: x });
    }
    const { modelStatus } = model.run();
    const dual = Number(model.info.get('mip_dual_bound'));
    const dualBound = Number.isFinite(dual) ? dual : undefined;
    if (modelStatus === INFEASIBLE) return { status: 'infeasible', choice: null, ms: performance.now() - t0 };
    let choice: Int32Array | null = null;
    if (Number(model.info.get('primal_solution_status')) === 2) {
      const x = model.getSolution().colValue;
      choice = new Int32Array(n).fill(-1);
      for (let k = 0; k < cols; k++) if (x[k] > 0.5) choice[colJob[k]] = k;
      if (choice.some((k) => k < 0)) choice = null;
    }
    return { status: modelStatus === OPTIMAL ? 'optimal' : 'time-limit', choice, dualBound, ms: performance.now() - t0 };
  } catch {
    return { status: 'error', choice: null, ms: performance.now() - t0 };
  } finally {
    model?.dispose();
  }
}

'use strict';
// Worker-thread entry for the GAP's 0-1 model: runs HiGHS (WebAssembly) off the caller's thread, so the
// caller can keep searching meanwhile and stop waiting at its deadline whatever HiGHS does with its own
// time limit. Plain JavaScript: it needs only the `highs` package, the same from the sources and from dist/.
const { parentPort, workerData } = require('node:worker_threads');

const OPTIMAL = 7;
const INFEASIBLE = 8;

// Compiling HiGHS takes a while: it starts as soon as the thread does, while the caller is still building
// its first solutions, and the model follows as a message.
const loading = require('highs')({ print: () => undefined, printErr: () => undefined });

async function run(task) {
  const started = performance.now();
  const highs = await loading;
  const { numCols, numRows, colCost, starts, indices, values, rowLower, rowUpper, incumbent, options } = task;
  // The model's "infinite" row bounds travel as null: the runtime's own infinity is only known here.
  const lower = Float64Array.from(rowLower, (v) => (Number.isFinite(v) ? v : -highs.infinity));
  const model = highs.createModel({
    numCols,
    numRows,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower: lower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts, indices, values },
    integrality: new Int32Array(numCols).fill(1),
  });
  try {
    const remaining = Math.max(0.01, (task.timeLimitMs - (performance.now() - started)) / 1000);
    model.options.set({ ...options, output_flag: false, time_limit: remaining });
    if (incumbent) model.setSolution({ colValue: incumbent });
    const { modelStatus } = model.run();
    const dual = Number(model.info.get('mip_dual_bound'));
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    return {
      status: modelStatus === OPTIMAL ? 'optimal' : modelStatus === INFEASIBLE ? 'infeasible' : 'time-limit',
      dualBound: Number.isFinite(dual) ? dual : undefined,
      colValue: hasSolution && modelStatus !== INFEASIBLE ? Float64Array.from(model.getSolution().colValue) : null,
    };
  } finally {
    model.dispose();
  }
}

parentPort.once('message', (task) => run(task).then(
  (result) => {
    Atomics.store(workerData.done, 0, 1);
    parentPort.postMessage({ ok: true, result });
  },
  (error) => {
    Atomics.store(workerData.done, 0, 1);
    parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) });
  },
));

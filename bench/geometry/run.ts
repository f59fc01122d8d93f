import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { writeTorusStl } from './mesh-generator';

/**
 * Binary STL throughput: Partsmith's full analysis and its one-pass quick measures, against three.js's
 * STLLoader plus a volume/area pass, and node-stl. Each (path, size) runs in a child process of its own for
 * clean peak-memory figures. Results go to bench/results/geometry.{json,md}.
 */
type PathName = 'partsmith-full' | 'partsmith-quick' | 'three' | 'node-stl';

interface ChildResult {
  ms: number[];
  cpuMs: number[];
  volume: number;
  area: number;
  baselineRssMb: number;
  peakRssMb: number;
}

interface Row {
  triangles: number;
  coldMs?: number;
  coldCpuMs?: number;
  fileMb: number;
  path: PathName;
  status: 'ok' | 'skipped' | 'failed';
  note?: string;
  msPerFile?: number;
  cpuMsPerFile?: number;
  trianglesPerSecond?: number;
  vsThree?: number;
  cpuVsThree?: number;
  vsNodeStl?: number;
  peakRssMb?: number;
  peakOverFile?: number;
  volumeMm3?: number;
}

const ALL_SIZES = [10_000, 100_000, 1_000_000, 5_000_000];
/** `--sizes 10000,1000000` runs only those sizes (while iterating); the results files are written only for a full run. */
const sizesFlag = process.argv.indexOf('--sizes');
const SIZES = sizesFlag >= 0 ? (process.argv[sizesFlag + 1] ?? '').split(',').map(Number).filter((n) => n > 0) : ALL_SIZES;
/** Warm runs come after this many untimed ones: enough for V8 to finish optimising the hot functions. */
const warmupsFor = (triangles: number): number => (triangles <= 100_000 ? 5 : triangles <= 1_000_000 ? 2 : 0);
const PATHS: PathName[] = ['partsmith-full', 'partsmith-quick', 'three', 'node-stl'];
const CHILD_TIMEOUT_MS = 180_000;
/** node-stl is skipped at a size when its previous size predicts more than this much CPU time (wall time would
 *  skip it whenever the machine is busy). */
const NODE_STL_BUDGET_MS = 15_000;

const root = path.resolve(__dirname, '..', '..', '..');
const child = path.join(__dirname, 'bench-child.js');

function runChild(pathName: PathName, file: string, warmup: number, runs: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--max-old-space-size=8192', child, pathName, file, String(warmup), String(runs)],
      { timeout: CHILD_TIMEOUT_MS, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(error.killed ? `timed out after ${CHILD_TIMEOUT_MS / 1000} s` : (stderr.trim().split('\n')[0] || error.message)));
        else resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as ChildResult);
      },
    );
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (value: number | undefined, digits = 1): string => (value === undefined ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const dir = mkdtempSync(path.join(tmpdir(), 'partsmith-bench-'));
  const rows: Row[] = [];
  let nodeStlMsPerTriangle = 0;
  let nodeStlPeakMbPerTriangle = 0;
  try {
    for (const target of SIZES) {
      const file = path.join(dir, `torus-${target}.stl`);
      const { triangles, bytes } = writeTorusStl(file, target);
      const fileMb = bytes / 2 ** 20;
      const warmup = warmupsFor(triangles);
      const runs = triangles <= 100_000 ? 5 : triangles <= 1_000_000 ? 3 : 1;
      const sizeRows: Row[] = [];
      for (const pathName of PATHS) {
        const row: Row = { triangles, fileMb, path: pathName, status: 'ok' };
        if (pathName === 'node-stl' && nodeStlMsPerTriangle * triangles > NODE_STL_BUDGET_MS) {
          row.status = 'skipped';
          row.note = `node-stl skipped to bound the run: predicted ${Math.round((nodeStlMsPerTriangle * triangles) / 1000)} s of CPU per file (and ~${Math.round((nodeStlPeakMbPerTriangle * triangles) / 1024)} GiB) from the previous size`;
          sizeRows.push(row);
          continue;
        }
        try {
          const timing = await runChild(pathName, file, warmup, runs);
          // Memory from a cold, single-run child: repeated runs would add their garbage to the peak.
          const memory = warmup === 0 && runs === 1 ? timing : await runChild(pathName, file, 0, 1);
          row.msPerFile = median(timing.ms);
          row.coldMs = memory.ms[0];
          row.coldCpuMs = memory.cpuMs[0];
          row.cpuMsPerFile = median(timing.cpuMs);
          row.trianglesPerSecond = triangles / (row.msPerFile / 1000);
          row.peakRssMb = memory.peakRssMb;
          row.peakOverFile = (memory.peakRssMb - memory.baselineRssMb) / fileMb;
          row.volumeMm3 = timing.volume;
          if (pathName === 'node-stl') {
            nodeStlMsPerTriangle = (row.cpuMsPerFile ?? row.msPerFile) / triangles;
            nodeStlPeakMbPerTriangle = memory.peakRssMb / triangles;
          }
        } catch (error) {
          row.status = 'failed';
          row.note = (error as Error).message;
        }
        sizeRows.push(row);
        process.stderr.write(`  ${triangles.toLocaleString('en-US')} triangles, ${pathName}: ${row.status === 'ok' ? `${fmt(row.msPerFile)} ms (CPU ${fmt(row.cpuMsPerFile)} ms)` : row.note}\n`);
      }
      const three = sizeRows.find((r) => r.path === 'three' && r.status === 'ok');
      const nodeStl = sizeRows.find((r) => r.path === 'node-stl' && r.status === 'ok');
      for (const row of sizeRows) {
        if (row.status !== 'ok' || !row.msPerFile) continue;
        if (three?.msPerFile) row.vsThree = three.msPerFile / row.msPerFile;
        if (three?.cpuMsPerFile && row.cpuMsPerFile) row.cpuVsThree = three.cpuMsPerFile / row.cpuMsPerFile;
        if (nodeStl?.msPerFile) row.vsNodeStl = nodeStl.msPerFile / row.msPerFile;
      }
      rows.push(...sizeRows);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`;
  const lines = [
    '# Geometry benchmark: binary STL',
    '',
    `Machine: ${machine}. Generated closed tori; each path and size in its own child process.`,
    'Warm times are the median of the timed runs after untimed warm-up runs in the same process (5 up to 100k',
    'triangles, 2 at 1M; at 5M the one run is cold); reading the file is not timed. "Cold" is the single run of a',
    'fresh child, JIT compilation included. Memory comes from that cold child. "Peak / file" is (peak RSS − RSS',
    'before reading the file) / file size, so the file buffer itself counts as 1.0.',
    '"CPU ms" is the median CPU time (user + system, all threads of the child) of the same runs: wall time on a shared',
    `machine follows the load, CPU time much less. Load average (1 min) on ${cpus().length} cores: ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end.`,
    '',
    '- `partsmith-full`: `analyzeFile` — binary STL read and welded in one pass (bounds pass first, for the tolerance), edge topology, shells, orientation, volume with cavities, OBB, and FDM checks (4,096 thin-wall rays, overhang, envelope).',
    '- `partsmith-quick`: `quickBinaryStlMeasures` — one DataView pass: volume, area, bounding box, no mesh built.',
    "- `three`: three.js `STLLoader.parse` plus a volume/area pass over the BufferGeometry.",
    '- `node-stl`: `new NodeStl(buffer)` (volume, area, bounding box, centre of mass, watertight).',
    '',
    '| Triangles | File MB | Path | ms / file | Triangles / s | × three | × node-stl | CPU ms / file | × three (CPU) | Cold ms | Cold CPU ms | Peak RSS MB | Peak / file | Volume mm³ |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      r.status === 'ok'
        ? `| ${r.triangles.toLocaleString('en-US')} | ${fmt(r.fileMb)} | ${r.path} | ${fmt(r.msPerFile)} | ${fmt((r.trianglesPerSecond ?? 0) / 1e6, 2)} M | ${fmt(r.vsThree, 2)} | ${fmt(r.vsNodeStl, 1)} | ${fmt(r.cpuMsPerFile)} | ${fmt(r.cpuVsThree, 2)} | ${fmt(r.coldMs)} | ${fmt(r.coldCpuMs)} | ${fmt(r.peakRssMb, 0)} | ${fmt(r.peakOverFile, 2)} | ${fmt(r.volumeMm3, 0)} |`
        : `| ${r.triangles.toLocaleString('en-US')} | ${fmt(r.fileMb)} | ${r.path} | ${r.note} | | | | | | | | | | |`,
    ),
    '',
    `Total benchmark time: ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
  ];
  if (sizesFlag < 0) {
    const resultsDir = path.join(root, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'geometry.json'), `${JSON.stringify({ machine, date: new Date().toISOString(), loadAverage: { start: loadBefore, end: loadavg()[0] }, rows }, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, 'geometry.md'), lines.join('\n'));
  }
  process.stdout.write(lines.join('\n'));
}

main().catch((error: Error) => {
  process.stderr.write(`bench:geometry failed: ${error.message}\n`);
  process.exitCode = 1;
});

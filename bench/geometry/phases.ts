import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile } from '@partsmith/geometry';
import { writeTorusStl } from './mesh-generator';

/**
 * Time per phase of `analyzeFile` on a generated torus, plus a digest of the whole report (to compare builds).
 * Not part of `bench:geometry`: a driver for profiling, e.g.
 *   node tools/build.js --quiet --no-web && node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/geometry/phases.js 1000000 5
 * Phases come from a CPU profile (`--cpu-prof`); this prints wall and CPU time per run and the report's digest.
 */
async function main(): Promise<void> {
  const triangles = Number(process.argv[2] ?? 1_000_000);
  const runs = Number(process.argv[3] ?? 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'partsmith-phases-'));
  try {
    const file = path.join(dir, 'torus.stl');
    writeTorusStl(file, triangles);
    const bytes = readFileSync(file);
    const times: number[] = [];
    const cpu: number[] = [];
    let digest = '';
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const report = await analyzeFile(bytes, 'torus.stl', { process: 'fdm' });
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      digest = createHash('sha256').update(JSON.stringify(report)).digest('hex').slice(0, 16);
    }
    const warm = cpu.slice(1).sort((a, b) => a - b);
    process.stdout.write(
      `${triangles} triangles: wall ${times.map((t) => t.toFixed(0)).join(' ')} ms; CPU ${cpu.map((t) => t.toFixed(0)).join(' ')} ms; ` +
        `after the first: CPU min ${warm[0]?.toFixed(0)} median ${warm[Math.floor(warm.length / 2)]?.toFixed(0)} ms; report ${digest}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

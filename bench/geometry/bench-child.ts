import { readFileSync } from 'node:fs';
import { analyzeFile, quickBinaryStlMeasures } from '@partsmith/geometry';

/**
 * One measured path on one file, in a process of its own so peak memory is clean. Prints one JSON line:
 * { ms: number[], cpuMs: number[], volume, area, baselineRssMb, peakRssMb }. `cpuMs` is the process's CPU time
 * (user + system, all threads) per run: on a shared machine it moves far less with the load than wall time.
 * Reading the file is not timed; the baseline is taken before it is read, so peak − baseline counts the file
 * buffer plus the path's working memory.
 */
type PathName = 'partsmith-full' | 'partsmith-quick' | 'three' | 'node-stl';

interface Measured {
  volume: number;
  area: number;
}

async function threePath(bytes: Buffer): Promise<Measured> {
  const { STLLoader } = (await import('three/examples/jsm/loaders/STLLoader.js')) as typeof import('three/examples/jsm/loaders/STLLoader.js');
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const geometry = new STLLoader().parse(buffer as ArrayBuffer);
  const p = geometry.getAttribute('position').array as Float32Array;
  let volume = 0;
  let area = 0;
  for (let i = 0; i < p.length; i += 9) {
    const [ax, ay, az, bx, by, bz, cx, cy, cz] = [p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5], p[i + 6], p[i + 7], p[i + 8]];
    volume += (ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx)) / 6;
    const ux = bx - ax, uy = by - ay, uz = bz - az, vx = cx - ax, vy = cy - ay, vz = cz - az;
    area += Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
  }
  return { volume: Math.abs(volume), area };
}

function nodeStlPath(bytes: Buffer): Measured {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const NodeStl = require('node-stl');
  const stl = new NodeStl(bytes);
  return { volume: stl.volume * 1000, area: stl.area }; // node-stl reports volume in cm³
}

async function run(path: PathName, bytes: Buffer): Promise<Measured> {
  switch (path) {
    case 'partsmith-full': {
      const report = await analyzeFile(bytes, 'bench.stl', { process: 'fdm' });
      return { volume: report.volumeMm3, area: report.surfaceAreaMm2 };
    }
    case 'partsmith-quick': {
      const quick = quickBinaryStlMeasures(bytes);
      return { volume: quick.volume, area: quick.area };
    }
    case 'three':
      return threePath(bytes);
    case 'node-stl':
      return nodeStlPath(bytes);
  }
}

async function main(): Promise<void> {
  const [path, file, warmupText, runsText] = process.argv.slice(2) as [PathName, string, string, string];
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20; // runtime and loaded modules, before the file
  const bytes = readFileSync(file);
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let result: Measured = { volume: NaN, area: NaN };
  for (let i = 0; i < Number(warmupText) + Number(runsText); i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    result = await run(path, bytes);
    const cpu = process.cpuUsage(cpuStarted);
    if (i >= Number(warmupText)) {
      ms.push(performance.now() - started);
      cpuMs.push((cpu.user + cpu.system) / 1000);
    }
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, ...result, baselineRssMb, peakRssMb })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench child: ${error.message}\n`);
  process.exitCode = 1;
});

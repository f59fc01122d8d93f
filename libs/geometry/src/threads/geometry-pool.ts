import * as path from 'node:path';
import { WorkerPool } from '@partsmith/worker-pool';
import { GeometryParseError, type GeometryErrorCode } from '../geometry.errors';
import type { AnalyzeOptions, GeometryReport, UnitOverride } from '../geometry.types';
import type { ParseOptions } from '../parse-mesh';
import type { PreviewLevel } from '../preview/preview';

export interface PreviewFiles {
  stl: Uint8Array;
  /** previewToViewerMesh's bytes in a gzip file, served as they are (the viewer's worker unpacks them) */
  viewerMeshGzip: Uint8Array;
}

export interface GeometryPoolOptions {
  /** Threads (default: cores − 1, at least 1). */
  size?: number;
  /** A task running longer than this is abandoned and its thread replaced (default 120 s). */
  taskTimeoutMs?: number;
  /** Heap cap per thread, MB (default 2048). */
  maxHeapMb?: number;
}

// Analyses go ahead of waiting preview builds: a quote waits on the first, nobody on the second.
const ANALYZE_PRIORITY = 1;
const PREVIEW_PRIORITY = 0;

/**
 * Runs parsing, analysis and preview building on worker threads, so a service's event loop (job
 * dispatch, I/O, other queues) stays responsive while a large mesh is measured, and a file that takes
 * too long only costs its own thread. Errors come back as the same typed GeometryParseError.
 */
export class GeometryPool {
  private readonly pool: WorkerPool;

  constructor(options: GeometryPoolOptions = {}) {
    this.pool = new WorkerPool({
      ...options,
      name: 'geometry',
      script: path.join(__dirname, 'geometry-thread.js'),
      timeoutError: (ms) => new GeometryParseError('ANALYSIS_TIMEOUT', `analysis took longer than ${ms / 1000} s and was stopped; simplify the file or split it`),
      reviveError: (error) => (error.name === 'GeometryParseError' ? new GeometryParseError(error.code as GeometryErrorCode, error.message) : new Error(error.message)),
    });
  }

  /** `handOver`: move the file's bytes to the thread instead of copying them (`bytes` is empty afterwards). */
  analyze(bytes: Uint8Array, fileName: string, options: AnalyzeOptions & { parse?: ParseOptions; handOver?: boolean } = {}): Promise<GeometryReport> {
    const { parse, handOver, ...analyze } = options;
    return this.pool
      .run<{ report: GeometryReport }>({ op: 'analyze', bytes, fileName, parse, options: analyze }, ANALYZE_PRIORITY, handOver ? [bytes] : [])
      .then((r) => r.report);
  }

  /** Previews (mm) at the given levels, each as binary STL and as the viewer's mesh (PSVM, gzipped). `handOver` as in analyze. */
  previews(
    bytes: Uint8Array,
    fileName: string,
    levels: PreviewLevel[],
    options: { units?: UnitOverride; maxTriangles?: number; handOver?: boolean } = {},
  ): Promise<Record<string, PreviewFiles>> {
    const { handOver, ...previewOptions } = options;
    return this.pool
      .run<{ previews: Record<string, PreviewFiles> }>({ op: 'previews', bytes, fileName, levels, options: previewOptions }, PREVIEW_PRIORITY, handOver ? [bytes] : [])
      .then((r) => r.previews);
  }

  /** Threads running now. */
  get threads(): number {
    return this.pool.threads;
  }

  /**
   * Starts the threads and analyses and previews a small sphere on each, so a service's first uploads are
   * not slowed by thread start-up and first-use compilation (about 150 ms each otherwise).
   */
  warmUp(): Promise<void> {
    return this.pool.warmUp({ op: 'warm-up', bytes: warmUpSphere(), fileName: 'warm-up.stl', levels: ['low_poly', 'full'], options: { maxTriangles: 200 } });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** A binary STL of a closed UV sphere (radius 10 mm, 1,920 triangles): enough to run every analysis step once. */
function warmUpSphere(): Uint8Array {
  const slices = 48;
  const stacks = 21;
  const point = (i: number, j: number): [number, number, number] => {
    const theta = (Math.PI * j) / stacks;
    const phi = (2 * Math.PI * i) / slices;
    return [10 * Math.sin(theta) * Math.cos(phi), 10 * Math.sin(theta) * Math.sin(phi), 10 * Math.cos(theta)];
  };
  const triangles: Array<[number, number, number][]> = [];
  for (let j = 0; j < stacks; j++) {
    for (let i = 0; i < slices; i++) {
      const a = point(i, j);
      const b = point(i, j + 1);
      const c = point(i + 1, j + 1);
      const d = point(i + 1, j);
      if (j > 0) triangles.push([a, b, d]);
      if (j < stacks - 1) triangles.push([b, c, d]);
    }
  }
  const bytes = new Uint8Array(84 + 50 * triangles.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(80, triangles.length, true);
  triangles.forEach((corners, t) => corners.forEach((corner, k) => corner.forEach((value, axis) => view.setFloat32(84 + 50 * t + 12 + 12 * k + 4 * axis, value, true))));
  return bytes;
}

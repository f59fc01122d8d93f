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

  analyze(bytes: Uint8Array, fileName: string, options: AnalyzeOptions & { parse?: ParseOptions } = {}): Promise<GeometryReport> {
    const { parse, ...analyze } = options;
    return this.pool.run<{ report: GeometryReport }>({ op: 'analyze', bytes, fileName, parse, options: analyze }, ANALYZE_PRIORITY).then((r) => r.report);
  }

  /** Previews (mm) at the given levels, each as binary STL and as the viewer's mesh (PSVM, gzipped). */
  previews(bytes: Uint8Array, fileName: string, levels: PreviewLevel[], options: { units?: UnitOverride; maxTriangles?: number } = {}): Promise<Record<string, PreviewFiles>> {
    return this.pool.run<{ previews: Record<string, PreviewFiles> }>({ op: 'previews', bytes, fileName, levels, options }, PREVIEW_PRIORITY).then((r) => r.previews);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

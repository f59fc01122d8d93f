import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { GeometryParseError, type GeometryErrorCode } from '../geometry.errors';
import type { AnalyzeOptions, GeometryReport, UnitOverride } from '../geometry.types';
import type { ParseOptions } from '../parse-mesh';
import type { PreviewLevel } from '../preview/preview';

interface Task {
  id: number;
  op: 'analyze' | 'previews';
  bytes: Uint8Array;
  fileName: string;
  parse?: ParseOptions;
  options?: AnalyzeOptions | { units?: UnitOverride; maxTriangles?: number };
  levels?: PreviewLevel[];
}

interface Pending {
  task: Task;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export interface GeometryPoolOptions {
  /** Threads (default: cores − 1, at least 1). */
  size?: number;
  /** A task running longer than this is abandoned and its thread replaced (default 120 s). */
  taskTimeoutMs?: number;
  /** Heap cap per thread, MB (default 2048). */
  maxHeapMb?: number;
}

/**
 * Runs parsing, analysis and preview building on worker threads, so a service's event loop (job
 * dispatch, I/O, other queues) stays responsive while a large mesh is measured, and a file that takes
 * too long only costs its own thread. Errors come back as the same typed GeometryParseError.
 */
export class GeometryPool {
  private readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: GeometryPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism() - 1);
  }

  analyze(bytes: Uint8Array, fileName: string, options: AnalyzeOptions & { parse?: ParseOptions } = {}): Promise<GeometryReport> {
    const { parse, ...analyze } = options;
    return this.submit<{ report: GeometryReport }>({ op: 'analyze', bytes, fileName, parse, options: analyze }).then((r) => r.report);
  }

  /** Binary STL previews (mm) at the given levels. */
  previews(bytes: Uint8Array, fileName: string, levels: PreviewLevel[], options: { units?: UnitOverride; maxTriangles?: number } = {}): Promise<Record<string, Uint8Array>> {
    return this.submit<{ previews: Record<string, Uint8Array> }>({ op: 'previews', bytes, fileName, levels, options }).then((r) => r.previews);
  }

  private submit<T>(task: Omit<Task, 'id'>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the geometry pool is closed'));
    return new Promise<T>((resolve, reject) => {
      const pending = { task: { ...task, id: this.nextId++ }, resolve: resolve as (value: unknown) => void, reject };
      // analyses go ahead of waiting preview builds: a quote waits on the first, nobody on the second
      const firstPreview = task.op === 'analyze' ? this.queue.findIndex((queued) => queued.task.op === 'previews') : -1;
      if (firstPreview >= 0) this.queue.splice(firstPreview, 0, pending);
      else this.queue.push(pending);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.idle.length + this.busy.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      pending.timer = setTimeout(() => this.fail(worker, new GeometryParseError('ANALYSIS_TIMEOUT', `analysis took longer than ${(this.options.taskTimeoutMs ?? 120_000) / 1000} s and was stopped; simplify the file or split it`)), this.options.taskTimeoutMs ?? 120_000);
      worker.postMessage(pending.task);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(path.join(__dirname, 'geometry-thread.js'), { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 2048 } });
    worker.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: { name?: string; code?: string; message: string } }) => {
      const pending = this.busy.get(worker);
      if (!pending || pending.task.id !== message.id) return;
      clearTimeout(pending.timer);
      this.busy.delete(worker);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(message.error?.name === 'GeometryParseError' ? new GeometryParseError(message.error.code as GeometryErrorCode, message.error.message) : new Error(message.error?.message));
      if (this.closed) void worker.terminate();
      else this.idle.push(worker);
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => {
      if (this.busy.has(worker)) this.fail(worker, new Error(`geometry thread exited (code ${code})`));
    });
    worker.unref();
    return worker;
  }

  /** Rejects the thread's task, throws the thread away (it may be stuck or poisoned), carries on. */
  private fail(worker: Worker, error: Error): void {
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    void worker.terminate();
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the geometry pool is closed'));
    await Promise.all([...this.idle.splice(0), ...this.busy.keys()].map((worker) => worker.terminate()));
  }
}

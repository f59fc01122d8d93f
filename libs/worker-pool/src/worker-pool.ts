import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** What a thread entry posts back for task `id`: its result, or the error it threw (name, code, message). */
export interface ThreadReply<R> {
  id: number;
  ok: boolean;
  result?: R;
  error?: ThreadError;
}

export interface ThreadError {
  name?: string;
  code?: string;
  message: string;
}

export interface WorkerPoolOptions {
  /** Absolute path of the thread entry (a plain .js file that answers `{id, …task}` messages with a ThreadReply). */
  script: string;
  /** Name used in errors, e.g. "geometry". */
  name: string;
  /** Threads (default: cores − 1, at least 1). */
  size?: number;
  /** A task running longer than this is abandoned and its thread replaced (default 120 s). */
  taskTimeoutMs?: number;
  /** Heap cap per thread, MB (default 2048). */
  maxHeapMb?: number;
  /** The error a task gets when it runs past `taskTimeoutMs`. */
  timeoutError?: (timeoutMs: number) => Error;
  /** Turns an error posted by a thread back into the caller's typed error (default: a plain Error). */
  reviveError?: (error: ThreadError) => Error;
}

interface Pending {
  id: number;
  task: object;
  transfer: ArrayBuffer[];
  priority: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * A fixed set of worker threads running one script, so CPU-heavy work (parsing meshes, solving schedules)
 * keeps off the caller's event loop. Tasks queue by priority (higher first, then in order); a task that runs
 * too long only costs its own thread, which is replaced; a thread that crashes fails its task and nothing
 * else. Pure Node: no Nest, usable from the engines.
 */
export class WorkerPool {
  private readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = Math.max(1, options.size ?? availableParallelism() - 1);
  }

  /**
   * Runs `task` on a thread; resolves with the thread's result. `priority`: higher runs first (default 0).
   * `handOver`: arrays in the task whose memory moves to the thread instead of being copied (each is empty once
   * the task is sent); an array that is a view into a larger or shared buffer is copied as usual.
   */
  run<R>(task: object, priority = 0, handOver: ArrayBufferView[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`the ${this.options.name} pool is closed`));
    return new Promise<R>((resolve, reject) => {
      const transfer = handOver.filter(ownsItsBuffer).map((view) => view.buffer as ArrayBuffer);
      const pending: Pending = { id: this.nextId++, task, transfer, priority, resolve: resolve as (value: unknown) => void, reject };
      const before = this.queue.findIndex((queued) => queued.priority < priority);
      if (before >= 0) this.queue.splice(before, 0, pending);
      else this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Threads running now (idle or busy). */
  get threads(): number {
    return this.idle.length + this.busy.size;
  }

  /**
   * Starts every thread now and runs `task` once on each, so the first real tasks do not pay for starting a
   * thread, loading its script and compiling the code on first use. Resolves when every thread has answered.
   */
  async warmUp(task: object): Promise<void> {
    const spare = this.size - this.idle.length - this.busy.size;
    // with `spare` threads not started yet and as many tasks queued at once, dispatch starts one thread per task
    await Promise.all(Array.from({ length: spare }, () => this.run(task, Number.MAX_SAFE_INTEGER)));
  }

  private get timeoutMs(): number {
    return this.options.taskTimeoutMs ?? 120_000;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.idle.length + this.busy.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      const timeout = this.options.timeoutError?.(this.timeoutMs) ?? new Error(`a ${this.options.name} task took longer than ${this.timeoutMs} ms and was stopped`);
      pending.timer = setTimeout(() => this.fail(worker, timeout), this.timeoutMs);
      worker.postMessage({ ...pending.task, id: pending.id }, pending.transfer);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 2048 } });
    worker.on('message', (message: ThreadReply<unknown>) => {
      const pending = this.busy.get(worker);
      if (!pending || pending.id !== message.id) return;
      clearTimeout(pending.timer);
      this.busy.delete(worker);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(this.options.reviveError?.(message.error ?? { message: 'unknown error' }) ?? new Error(message.error?.message));
      if (this.closed) void worker.terminate();
      else this.idle.push(worker);
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => {
      if (this.busy.has(worker)) this.fail(worker, new Error(`${this.options.name} thread exited (code ${code})`));
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
    for (const pending of this.queue.splice(0)) pending.reject(new Error(`the ${this.options.name} pool is closed`));
    await Promise.all([...this.idle.splice(0), ...this.busy.keys()].map((worker) => worker.terminate()));
  }
}

/** A view over the whole of an ArrayBuffer (not a slice of a larger or pooled one, not shared memory): safe to move. */
function ownsItsBuffer(view: ArrayBufferView): boolean {
  return view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
}

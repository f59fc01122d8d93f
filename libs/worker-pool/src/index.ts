/**
 * @partsmith/worker-pool — worker threads for CPU-heavy engine work (geometry, scheduling), so a service's
 * event loop stays free. Pure Node, no Nest. Thread entries use thread-entry.js (loadLibrary, serveTasks).
 */
export { WorkerPool, type WorkerPoolOptions, type ThreadError, type ThreadReply } from './worker-pool';

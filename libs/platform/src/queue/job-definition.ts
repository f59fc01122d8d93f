/** JSON-safe payloads only: they travel through PostgreSQL (jsonb) and Redis. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JobPayload = { [key: string]: JsonValue };

export interface JobDefinition<P extends JobPayload = JobPayload> {
  /** One queue per bounded context, e.g. "identity". */
  readonly queue: string;
  /** Dotted lower-case, "<subject>.<what>", e.g. "identity.invitation.deliver" or "part.analyze". */
  readonly name: string;
  readonly attempts: number;
  /** First retry delay; later ones double (exponential backoff). */
  readonly backoffMs: number;
  /** Phantom field carrying the payload type. */
  readonly __payload?: P;
}

const definitions = new Map<string, JobDefinition>();

/** Declares a job. Names are unique across the platform; a second declaration of a name fails at import. */
export function defineJob<P extends JobPayload>(spec: {
  queue: string;
  name: string;
  attempts?: number;
  backoffMs?: number;
}): JobDefinition<P> {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.queue)) throw new Error(`Job queue "${spec.queue}" must be lower-case kebab`);
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(spec.name)) throw new Error(`Job name "${spec.name}" must be dotted lower-case, e.g. "part.analyze"`);
  if (definitions.has(spec.name)) throw new Error(`Job "${spec.name}" is declared twice`);
  const definition: JobDefinition<P> = { attempts: 5, backoffMs: 1_000, ...spec };
  definitions.set(spec.name, definition as JobDefinition);
  return definition;
}

const concurrencies = new Map<string, number>();

/** How many jobs of a queue one worker process runs at once (default: the worker's setting, 4). */
export function setQueueConcurrency(queue: string, concurrency: number): void {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`Queue "${queue}" concurrency must be a positive integer`);
  concurrencies.set(queue, concurrency);
}

export function queueConcurrency(queue: string): number | undefined {
  return concurrencies.get(queue);
}

export function jobDefinition(name: string): JobDefinition | undefined {
  return definitions.get(name);
}

export function allJobDefinitions(): JobDefinition[] {
  return [...definitions.values()];
}

/** Thrown by a handler when retrying cannot help (bad input, missing row): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

import type { JobDefinition } from './job-definition';

export interface DiscoveredHandler {
  jobName: string;
  /** "Class.method", for messages. */
  where: string;
}

/** Every declared job needs exactly one handler, and every handler a declared job. Returns the problems. */
export function checkJobHandlers(definitions: JobDefinition[], handlers: DiscoveredHandler[]): string[] {
  const problems: string[] = [];
  const declared = new Set(definitions.map((job) => job.name));
  for (const job of definitions) {
    const found = handlers.filter((handler) => handler.jobName === job.name);
    if (found.length === 0) problems.push(`job "${job.name}" (queue "${job.queue}") has no handler`);
    if (found.length > 1) problems.push(`job "${job.name}" has ${found.length} handlers: ${found.map((h) => h.where).join(', ')}`);
  }
  for (const handler of handlers) {
    if (!declared.has(handler.jobName)) problems.push(`${handler.where} handles "${handler.jobName}", which no defineJob() declares`);
  }
  return problems;
}

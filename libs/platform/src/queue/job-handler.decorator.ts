import { SetMetadata } from '@nestjs/common';
import type { RequestContext } from '../context';
import type { JobDefinition, JobPayload } from './job-definition';

export const JOB_HANDLER_METADATA = 'partsmith:job-handler';

export interface JobRun {
  /** BullMQ job id, `outbox-<outbox id>`: a stable key for the job's idempotent effect. */
  jobId: string;
  attempt: number;
  ctx: RequestContext;
}

export type JobHandlerFn<P extends JobPayload> = (payload: P, run: JobRun) => Promise<void>;

/** Marks a provider method as the handler of one declared job. Exactly one handler per job, checked at boot. */
export function JobHandler<P extends JobPayload>(job: JobDefinition<P>): MethodDecorator {
  return SetMetadata(JOB_HANDLER_METADATA, job.name);
}

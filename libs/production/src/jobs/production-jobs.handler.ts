import { Injectable } from '@nestjs/common';
import { JobHandler, type JobRun } from '@partsmith/platform';
import { AcceptanceService } from '../acceptance.service';
import { AutoAcceptDeliveryJob } from './production-jobs';

/** The production queue's handlers. */
@Injectable()
export class ProductionJobsHandler {
  constructor(private readonly acceptance: AcceptanceService) {}

  @JobHandler(AutoAcceptDeliveryJob)
  autoAccept({ jobLineId }: { jobLineId: string }, run: JobRun): Promise<void> {
    return this.acceptance.autoAccept(run.ctx, jobLineId);
  }
}

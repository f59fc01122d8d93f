import { JobLineCancellation } from './job-line-cancellation.entity';
import { JobLineDispute } from './job-line-dispute.entity';
import { JobLineFile } from './job-line-file.entity';
import { JobLineMilestone } from './job-line-milestone.entity';
import { JobLineShipment } from './job-line-shipment.entity';

export * from './job-line-cancellation.entity';
export * from './job-line-dispute.entity';
export * from './job-line-file.entity';
export * from './job-line-milestone.entity';
export * from './job-line-shipment.entity';

export const PRODUCTION_ENTITIES = [JobLineMilestone, JobLineShipment, JobLineFile, JobLineDispute, JobLineCancellation];

import { JobLineMilestone } from './job-line-milestone.entity';
import { JobLineShipment } from './job-line-shipment.entity';

export * from './job-line-milestone.entity';
export * from './job-line-shipment.entity';

export const PRODUCTION_ENTITIES = [JobLineMilestone, JobLineShipment];

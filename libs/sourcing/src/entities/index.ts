import { Award } from './award.entity';
import { Bid } from './bid.entity';
import { Offer } from './offer.entity';
import { SourcingJobRow } from './sourcing-job.entity';

export * from './award.entity';
export * from './bid.entity';
export * from './offer.entity';
export * from './sourcing-job.entity';

export const SOURCING_ENTITIES = [SourcingJobRow, Offer, Award, Bid];

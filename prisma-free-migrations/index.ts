import { Outbox1795317900000 } from './1795317900000-outbox';
import { Identity1795317910000 } from './1795317910000-identity';
import { Parts1795317950000 } from './1795317950000-parts';
import { Factories1795318000000 } from './1795318000000-factories';
import { AuditLog1795318010000 } from './1795318010000-audit-log';
import { Payments1795318100000 } from './1795318100000-payments';
import { Catalog1795318150000 } from './1795318150000-catalog';
import { Quotes1795318160000 } from './1795318160000-quotes';
import { Orders1795318300000 } from './1795318300000-orders';
import { Sourcing1795318400000 } from './1795318400000-sourcing';
import { ProductionScheduling1795318500000 } from './1795318500000-production-scheduling';
import { DomainEvents1795318590000 } from './1795318590000-domain-events';
import { Notifications1795318600000 } from './1795318600000-notifications';
import { ProductionTracking1795318700000 } from './1795318700000-production-tracking';
import { ProductionEvidenceDisputes1795318810000 } from './1795318810000-production-evidence-disputes';
import { Messaging1795318900000 } from './1795318900000-messaging';
import { Reviews1795318910000 } from './1795318910000-reviews';
import { JobLineSplits1795319000000 } from './1795319000000-job-line-splits';
import { SealedBidsAndBatches1795319010000 } from './1795319010000-sealed-bids-and-batches';
import { FactoryCapabilities1796000100000 } from './1796000100000-factory-capabilities';
import { CandidateDistance1796100000000 } from './1796100000000-candidate-distance';

/** Every migration, in order. Listed explicitly so the same set runs from dist/, the CLI and jest. */
export const ALL_MIGRATIONS = [
  Outbox1795317900000,
  Identity1795317910000,
  Parts1795317950000,
  Factories1795318000000,
  AuditLog1795318010000,
  Payments1795318100000,
  Catalog1795318150000,
  Quotes1795318160000,
  Orders1795318300000,
  Sourcing1795318400000,
  ProductionScheduling1795318500000,
  DomainEvents1795318590000,
  Notifications1795318600000,
  ProductionTracking1795318700000,
  ProductionEvidenceDisputes1795318810000,
  Messaging1795318900000,
  Reviews1795318910000,
  JobLineSplits1795319000000,
  SealedBidsAndBatches1795319010000,
  FactoryCapabilities1796000100000,
  CandidateDistance1796100000000,
];

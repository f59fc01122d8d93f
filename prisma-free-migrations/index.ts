import { Outbox1795317900000 } from './1795317900000-outbox';
import { Identity1795317910000 } from './1795317910000-identity';

/** Every migration, in order. Listed explicitly so the same set runs from dist/, the CLI and jest. */
export const ALL_MIGRATIONS = [Outbox1795317900000, Identity1795317910000];

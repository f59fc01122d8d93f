import { StateMachine } from '@partsmith/platform';
import { PartRevisionStatus } from './entities';

/**
 * A revision's analysis lifecycle. `analyzing → analyzing` lets a retried job (after a worker crash)
 * pick the revision up again.
 */
export const partRevisionLifecycle = new StateMachine<PartRevisionStatus>('part revision', {
  uploaded: [PartRevisionStatus.analyzing, PartRevisionStatus.analyzed, PartRevisionStatus.rejected],
  analyzing: [PartRevisionStatus.analyzing, PartRevisionStatus.analyzed, PartRevisionStatus.rejected],
  analyzed: [],
  rejected: [],
});

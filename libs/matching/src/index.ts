/**
 * @partsmith/matching — the sourcing engine's pure core: generalised assignment (which factory makes which
 * job, within capacities, at minimum cost), offer/bid scoring, batch assignment of open jobs, and order
 * splitting across a cluster. No I/O. See libs/matching/README.md.
 */
export { MatchingProblemError, isMatchingProblemError, type MatchingErrorCode } from './matching.errors';
export type {
  Assignment,
  AssignmentOptions,
  AssignmentProblem,
  AssignmentResult,
  AssignmentStats,
  AssignmentStatus,
  FactorySpec,
  JobOption,
  JobSpec,
} from './matching.types';
export { solveAssignment, greedyAssignment } from './solve';
export { generateGap, type GapInstanceType } from './generate';
export { assignmentLowerBound } from './lagrangian';
export { exactAssignment, type ExactAssignmentResult } from './exact';
export { assignmentKnapsackBound } from './knapsack-bound';
export { rankFactories, scoreBids, DEFAULT_WEIGHTS, type ScoringWeights, type ScoringJob, type FactoryCandidate, type Bid, type ScoredCandidate, type ScoreTerms } from './scoring';
export { assignOpenJobs, type OpenJob, type OpenFactory, type BatchOption, type BatchAssignmentInput, type BatchAssignmentResult } from './batch';
export { splitLine, type SplitCandidate, type SplitInput, type SplitResult, type SplitPart } from './split';
export { createRandom } from './random';

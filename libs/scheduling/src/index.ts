/**
 * @partsmith/scheduling — machine scheduling for a factory: calendars, routings, frozen work; dispatching plus
 * tabu search; schedule validation; fast "earliest completion if this job were added" queries. Pure
 * functions, no I/O. See libs/scheduling/README.md.
 */
export { SchedulingProblemError, isSchedulingProblemError, type SchedulingErrorCode } from './scheduling.errors';
export type {
  CalendarSpec,
  DispatchRule,
  DowntimeSpec,
  FrozenPlacement,
  JobId,
  JobOutcome,
  JobSpec,
  MachineId,
  MachineSpec,
  ObjectiveValues,
  OperationSpec,
  Schedule,
  ScheduledOperation,
  ScheduleViolation,
  SchedulingObjective,
  SchedulingProblem,
  ShiftSpec,
  SolveOptions,
  SolveStats,
  TimeValue,
  Weekday,
} from './scheduling.types';
export { solveSchedule } from './solve';
export { SchedulingPool, type SchedulingPoolOptions } from './threads/scheduling-pool';
export { validateSchedule, type ScheduleToValidate } from './validate';
export { createInsertionPlan, insertJob, earliestCompletion, type InsertionPlan, type InsertionResult } from './insert';
export { createRandom } from './random';

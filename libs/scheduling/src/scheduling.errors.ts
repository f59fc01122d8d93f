/**
 * The one error a bad scheduling problem raises. `code` is stable and machine-readable; `message` names the
 * thing (job, operation, machine) and what is wrong with it, in one line.
 */
export type SchedulingErrorCode =
  | 'INVALID_PROBLEM'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_MACHINE'
  | 'UNKNOWN_MACHINE_CLASS'
  | 'INVALID_DURATION'
  | 'INVALID_TIME'
  | 'DUE_BEFORE_RELEASE'
  | 'INVALID_CALENDAR'
  | 'NO_WORKING_TIME'
  | 'SETUP_TOO_LONG'
  | 'INVALID_FROZEN';

export class SchedulingProblemError extends Error {
  override readonly name = 'SchedulingProblemError';

  constructor(
    readonly code: SchedulingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isSchedulingProblemError(error: unknown): error is SchedulingProblemError {
  return error instanceof SchedulingProblemError;
}

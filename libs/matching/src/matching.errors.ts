/**
 * The one error a malformed matching input raises. `code` is stable and machine-readable; `message` names
 * the thing (job, option, factory, candidate) and what is wrong with it, in one line.
 *
 * An input that is well formed but has no feasible assignment is not an error: the solver answers
 * `status: 'infeasible'` with a reason.
 */
export type MatchingErrorCode = 'INVALID_PROBLEM' | 'DUPLICATE_ID' | 'UNKNOWN_FACTORY' | 'DUPLICATE_OPTION' | 'INVALID_NUMBER';

export class MatchingProblemError extends Error {
  override readonly name = 'MatchingProblemError';

  constructor(
    readonly code: MatchingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isMatchingProblemError(error: unknown): error is MatchingProblemError {
  return error instanceof MatchingProblemError;
}

/**
 * The one error the matching engine raises: on malformed input, and (`NOT_SOLVED`, rare) when the solver
 * could neither find a feasible assignment nor prove that none exists within its time limit and grace
 * period. `code` is stable and machine-readable; `message` names the thing (job, option, factory,
 * candidate) and what is wrong with it, in one line.
 *
 * An input that is well formed but has no feasible assignment is not an error: the solver answers
 * `status: 'infeasible'` with a reason.
 */
export type MatchingErrorCode = 'INVALID_PROBLEM' | 'DUPLICATE_ID' | 'UNKNOWN_FACTORY' | 'DUPLICATE_OPTION' | 'INVALID_NUMBER' | 'NOT_SOLVED';

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

/**
 * Unexpected or authorisation failures raised by services. Each carries a stable code that the GraphQL
 * layer puts in `extensions.code`. Expected business outcomes are NOT exceptions: they are members of a
 * mutation's result union (see graphql/error-result.ts).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Safe to show to the client (all domain errors are written for the user). */
  readonly expose = true;
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`, { entity, id });
  }
}

export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class IllegalTransitionError extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';
  constructor(machine: string, from: string, to: string) {
    super(`${machine} cannot go from "${from}" to "${to}"`, { machine, from, to });
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

import { createUnionType, Field, InterfaceType, ObjectType } from '@nestjs/graphql';

/**
 * Expected business outcomes that are not success are members of a mutation's result union and
 * implement this interface, so clients can handle them with `... on ErrorResult { errorCode message }`.
 */
@InterfaceType('ErrorResult')
export abstract class ErrorResult {
  @Field(() => String)
  errorCode: string;

  @Field(() => String)
  message: string;
}

/** Resolves a union member by its class (members are class instances). */
export function resolveByClass(value: object): string {
  return value.constructor.name;
}

/**
 * Declares an expected-failure type of a result union: `export const EmailTakenError = defineErrorResult('EmailTakenError', 'EMAIL_TAKEN')`
 * (pair it with `export type EmailTakenError = InstanceType<typeof EmailTakenError>`).
 */
export function defineErrorResult(name: string, code: string) {
  @ObjectType(name, { implements: () => [ErrorResult] })
  class TypedError extends ErrorResult {
    constructor(message: string) {
      super();
      this.errorCode = code;
      this.message = message;
    }
  }
  Object.defineProperty(TypedError, 'name', { value: name });
  return TypedError;
}

/** A mutation's result union; members are class instances, resolved by class name. */
export function resultUnion<T extends readonly (abstract new (...args: never[]) => unknown)[]>(name: string, types: () => T) {
  return createUnionType({ name, types: types as never, resolveType: resolveByClass });
}

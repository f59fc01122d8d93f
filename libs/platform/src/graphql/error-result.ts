import { Field, InterfaceType } from '@nestjs/graphql';

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

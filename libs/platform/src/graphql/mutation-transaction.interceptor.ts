import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { GraphQLContext } from './graphql-context';

/**
 * Each root mutation field runs in one transaction carried by ctx: everything it writes (rows and the
 * outbox jobs they cause) commits together, or nothing does if it throws. Result-union errors commit:
 * they are outcomes, and some (refresh-token reuse revoking a session family) must stick.
 */
@Injectable()
export class MutationTransactionInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(execution);
    if (gql.getInfo().parentType.name !== 'Mutation') return next.handle();
    const { ctx } = gql.getContext<GraphQLContext>();
    return from(ctx.transaction(() => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}

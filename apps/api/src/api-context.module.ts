import { Module } from '@nestjs/common';
import { IdentityModule } from '@partsmith/identity';
import { OperationsModule, RequestContextFactory } from '@partsmith/platform';

/** What the GraphQL context factory needs: the principal resolver (identity) and metrics. */
@Module({
  imports: [IdentityModule, OperationsModule],
  providers: [RequestContextFactory],
  exports: [RequestContextFactory, OperationsModule],
})
export class ApiContextModule {}

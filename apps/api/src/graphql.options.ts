import type { ApolloDriverConfig } from '@nestjs/apollo';
import {
  costLimitRule,
  depthLimitRule,
  graphqlErrorFormatter,
  graphqlMetricsPlugin,
  type AppConfig,
  type GraphQLContext,
  type MetricsService,
  type RequestContextFactory,
} from '@partsmith/platform';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';

/** Code-first schema; introspection and GraphiQL only outside production; CSRF prevention on. */
export function graphqlOptions(config: AppConfig, contexts: RequestContextFactory, metrics: MetricsService, logger: Logger): Omit<ApolloDriverConfig, 'driver'> {
  const limits = { maxDepth: config.graphql.maxDepth, maxCost: config.graphql.maxCost, maxPageSize: config.graphql.maxPageSize };
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: !config.isProduction,
    playground: false,
    introspection: !config.isProduction,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimitRule(limits), costLimitRule(limits)],
    formatError: graphqlErrorFormatter({ isProduction: config.isProduction, logger }),
    plugins: [graphqlMetricsPlugin(metrics)],
    context: async ({ req, res }: { req: Request; res: Response }): Promise<GraphQLContext> => ({ req, res, ctx: await contexts.forRequest(req) }),
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from './metrics.service';

/** Counts GraphQL operations by name and outcome and times them. */
export function graphqlMetricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          const type = operation?.operation ?? 'invalid';
          const name = operationName ?? 'anonymous';
          metrics.graphqlOperations.inc({ type, name, outcome: errors?.length ? 'error' : 'ok' });
          metrics.graphqlDuration.observe({ type, name }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

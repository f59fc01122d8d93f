import { HttpException } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError } from '../errors';

const HTTP_CODES: Record<number, string> = { 400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED' };

/** One mapping for every context: domain errors keep their code; anything unexpected is logged and hidden. */
export function graphqlErrorFormatter(options: { isProduction: boolean; logger: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
    }
    if (original instanceof HttpException) {
      return { ...formatted, message: original.message, extensions: { code: HTTP_CODES[original.getStatus()] ?? 'BAD_REQUEST' } };
    }
    // Our validation rules (depth, cost) carry their own code; Apollo re-labels validation errors.
    const limitCode = error instanceof GraphQLError && error.originalError instanceof GraphQLError ? error.originalError.extensions?.code : undefined;
    if (typeof limitCode === 'string' && limitCode.startsWith('QUERY_')) {
      return { ...formatted, extensions: { ...formatted.extensions, code: limitCode } };
    }
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted; // validation, parse and limit errors from GraphQL itself
    options.logger.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
    const { stacktrace: _omitted, ...extensions } = formatted.extensions ?? {};
    return {
      message: options.isProduction ? 'Internal server error' : formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { ...(options.isProduction ? {} : extensions), code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

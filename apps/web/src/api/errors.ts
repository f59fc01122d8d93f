import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { hasMessage, type Key, type Translate } from '../i18n/i18n';

/** An expected failure from a result union (`... on ErrorResult { errorCode message }`). */
export interface ErrorResultLike {
  errorCode: string;
  message: string;
  retryAfterSeconds?: number;
  field?: string;
}

/** A mutation result that is an ErrorResult member (has an errorCode), as opposed to the success type. */
export function isErrorResult<T extends { __typename?: string }>(value: T | null | undefined): value is T & ErrorResultLike {
  return !!value && typeof (value as Partial<ErrorResultLike>).errorCode === 'string';
}

/** The words a user reads for a typed API error: the catalogue's text for its code, else the API's own message. */
export function describeErrorResult(t: Translate, error: ErrorResultLike): string {
  const key = `errors.codes.${error.errorCode}`;
  if (hasMessage(key)) return t(key as Key, { message: error.message, retryAfterSeconds: error.retryAfterSeconds ?? 0, field: error.field ?? '' });
  return error.message || t('errors.generic');
}

interface UploadProblem {
  status: number;
  code?: string;
  message?: string;
}

/** Anything thrown by Apollo, fetch or an upload → one sentence. */
export function describeError(t: Translate, error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = String(first?.extensions?.code ?? '');
    return describeCode(t, code, first?.message ?? '');
  }
  if (ServerError.is(error)) {
    return error.statusCode >= 500 ? t('errors.graphql.INTERNAL_SERVER_ERROR') : describeCode(t, '', error.message);
  }
  if (isUploadProblem(error)) {
    if (error.status === 413) return t('errors.upload.tooLarge', { message: error.message ?? '' });
    if (error.status === 0) return t('errors.network');
    return error.code && hasMessage(`errors.graphql.${error.code}`) ? describeCode(t, error.code, error.message ?? '') : t('errors.upload.refused', { message: error.message ?? String(error.status) });
  }
  if (error instanceof TypeError) return t('errors.network'); // fetch: the server did not answer
  if (error instanceof Error && error.message) return error.message;
  return t('errors.generic');
}

function describeCode(t: Translate, code: string, message: string): string {
  const key = `errors.graphql.${code}`;
  if (code && hasMessage(key)) return t(key as Key, { message });
  return message || t('errors.generic');
}

function isUploadProblem(error: unknown): error is UploadProblem {
  return typeof error === 'object' && error !== null && 'status' in error && typeof (error as UploadProblem).status === 'number';
}

/** The GraphQL `extensions.code` of a thrown error ('' when it is not a GraphQL error), e.g. to treat NOT_FOUND as "not yet". */
export function graphqlErrorCode(error: unknown): string {
  return CombinedGraphQLErrors.is(error) ? String(error.errors[0]?.extensions?.code ?? '') : '';
}

/**
 * Stripe's error envelope. The SDK picks its exception class from the HTTP status and `type`:
 * 400/404 → StripeInvalidRequestError (or StripeIdempotencyError when type is idempotency_error),
 * 401 → StripeAuthenticationError, 402 → StripeCardError, 403 → StripePermissionError, 5xx → StripeAPIError.
 */
export type StripeErrorType =
  | 'invalid_request_error'
  | 'card_error'
  | 'idempotency_error'
  | 'api_error'
  | 'authentication_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  [extra: string]: unknown;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }

  toResponse(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

interface ErrorDetails {
  param?: string;
  code?: string;
  status?: number;
}

function withCode(body: StripeErrorBody, code: string | undefined): StripeErrorBody {
  return code ? { ...body, code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` } : body;
}

export function invalidRequest(message: string, details: ErrorDetails = {}): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message };
  if (details.param) body.param = details.param;
  return new StripeApiError(details.status ?? 400, withCode(body, details.code));
}

/** "No such payment_intent: 'pi_123'", as Stripe words it. */
export function resourceMissing(objectName: string, id: string, param?: string): StripeApiError {
  return invalidRequest(`No such ${objectName}: '${id}'`, { code: 'resource_missing', param, status: 404 });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

export function unexpectedState(message: string, code = 'payment_intent_unexpected_state'): StripeApiError {
  return invalidRequest(message, { code });
}

export function cardError(
  message: string,
  details: { code: string; declineCode?: string; charge?: string; paymentIntent?: unknown; param?: string },
): StripeApiError {
  const body: StripeErrorBody = withCode({ type: 'card_error', message }, details.code);
  if (details.declineCode) body.decline_code = details.declineCode;
  if (details.charge) body.charge = details.charge;
  if (details.paymentIntent) body.payment_intent = details.paymentIntent;
  if (details.param) body.param = details.param;
  return new StripeApiError(402, body);
}

export function idempotencyError(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'idempotency_error', message });
}

export function apiError(message: string): StripeApiError {
  return new StripeApiError(500, { type: 'api_error', message });
}

export function authenticationError(message: string): StripeApiError {
  // Stripe reports a bad key as invalid_request_error with HTTP 401.
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

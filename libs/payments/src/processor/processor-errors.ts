import Stripe from 'stripe';

/**
 * A processor error retrying cannot fix (bad request, missing capability, card declined). Anything else
 * (5xx, lost connection, rate limit) is worth another attempt, and idempotency keys make that safe.
 */
export function isPermanentProcessorError(error: unknown): error is Stripe.errors.StripeError {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError) {
    return false;
  }
  const status = error.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429;
}

export function processorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

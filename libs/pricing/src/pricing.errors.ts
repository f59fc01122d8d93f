export type PricingErrorCode =
  | 'UNKNOWN_PROCESS'
  | 'UNKNOWN_MATERIAL'
  | 'MATERIAL_NOT_OFFERED'
  | 'UNKNOWN_FINISH'
  | 'FINISH_NOT_AVAILABLE'
  | 'UNKNOWN_TOLERANCE'
  | 'UNKNOWN_INSPECTION'
  | 'UNKNOWN_LEAD_TIER'
  | 'NO_QUANTITIES'
  | 'INVALID_QUANTITY'
  | 'ZERO_VOLUME'
  | 'INVALID_GEOMETRY'
  | 'INVALID_CATALOG'
  | 'INVALID_MONEY';

/** Bad input to the pricing engine. The message names the thing and the fix. */
export class PricingError extends Error {
  override readonly name = 'PricingError';
  constructor(
    readonly code: PricingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isPricingError(error: unknown): error is PricingError {
  return error instanceof PricingError;
}

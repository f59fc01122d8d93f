/** Minor units per major unit of a currency (100 for EUR, 1 for JPY and VND). */
export function minorPerMajor(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return 10 ** digits;
  } catch {
    return 100;
  }
}

/** "85.5" EUR → 8550; null when the text is not an amount of 0 or more. */
export function toMinor(text: string, currency: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  if (!text.trim() || !Number.isFinite(value) || value < 0) return null;
  return Math.round(value * minorPerMajor(currency));
}

/** 8550 EUR → "85.5" (for an input's value). */
export function fromMinor(minor: number, currency: string): string {
  return String(minor / minorPerMajor(currency));
}

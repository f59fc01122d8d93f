/** A form field's trimmed text ('' when absent): `const text = formText(new FormData(form))`. */
export function formText(form: FormData): (name: string) => string {
  return (name) => String(form.get(name) ?? '').trim();
}

/** How many minor units a currency has per major unit (EUR 100, JPY 1, KWD 1000), from Intl. */
export function minorPerMajor(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  return 10 ** digits;
}

/**
 * An amount typed in major units ("1234.50", "1 234,50", "1,234.50") → integer minor units, or null when it
 * is not a positive amount with at most the currency's decimals. A lone comma or dot followed by exactly the
 * currency's number of decimals or fewer is the decimal separator; spaces and the other separator group thousands.
 */
export function parseAmountToMinor(text: string, currency: string): number | null {
  const per = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(per));
  const compact = text.trim().replace(/[\s\u00a0']/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  const lastSeparator = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  let whole = compact;
  let fraction = '';
  if (lastSeparator >= 0) {
    const tail = compact.slice(lastSeparator + 1);
    const grouped = /^\d{3}$/.test(tail) && (decimals < 3 || compact.split(/[.,]/).length > 2);
    if (!grouped) {
      whole = compact.slice(0, lastSeparator);
      fraction = tail;
    }
  }
  if (/[.,]/.test(whole) && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return null; // thousands come in groups of three
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction) || fraction.length > decimals) return null;
  const minor = Number(whole) * per + Number(fraction.padEnd(decimals, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

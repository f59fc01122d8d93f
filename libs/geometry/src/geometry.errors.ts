/**
 * The one error type every geometry parser throws. `code` is stable and machine-readable; `message` is written
 * for the person who uploaded the file: it names the problem and, where there is one, the fix.
 */
export type GeometryErrorCode =
  | 'EMPTY_FILE'
  | 'UNKNOWN_FORMAT'
  | 'FILE_TOO_LARGE'
  | 'STL_SIZE_MISMATCH'
  | 'STL_SYNTAX'
  | 'OBJ_SYNTAX'
  | 'INDEX_OUT_OF_RANGE'
  | 'NON_FINITE_COORDINATE'
  | 'NO_TRIANGLES'
  | 'TOO_MANY_TRIANGLES'
  | 'ZIP_INVALID'
  | 'ZIP_UNSUPPORTED'
  | 'ZIP_LIMIT_EXCEEDED'
  | 'XML_INVALID'
  | 'XML_FORBIDDEN_DTD'
  | 'THREEMF_INVALID'
  | 'STEP_INVALID'
  | 'STEP_TIMEOUT'
  | 'STEP_CRASHED'
  | 'ANALYSIS_TIMEOUT';

export class GeometryParseError extends Error {
  override readonly name = 'GeometryParseError';

  constructor(
    readonly code: GeometryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isGeometryParseError(error: unknown): error is GeometryParseError {
  return error instanceof GeometryParseError;
}

let countFormat: Intl.NumberFormat | undefined;

/**
 * 1234567 → "1,234,567": counts in messages are read by people. Whole non-negative counts (all of them, in
 * practice) are grouped here: the first `Intl.NumberFormat` of a process costs some 30 ms (locale data), more
 * than a 100k-triangle analysis. Anything else goes to one shared formatter, made on first use.
 */
export function formatCount(value: number): string {
  const whole = Math.trunc(value);
  if (!Number.isSafeInteger(whole) || whole < 0 || Object.is(whole, -0)) {
    countFormat ??= new Intl.NumberFormat('en-US');
    return countFormat.format(whole);
  }
  const digits = String(whole);
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return grouped;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

function isInlineSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === 0x0b || c === 0x0c;
}

/**
 * A cursor over text held as bytes. Reading numbers and keywords straight from the buffer avoids turning a
 * 200 MB file into a string and then into millions of substrings.
 */
export class ByteScanner {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  get atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Skips spaces, tabs and line breaks. */
  skipWhitespace(): void {
    const b = this.bytes;
    let p = this.pos;
    while (p < b.length && (isInlineSpace(b[p]) || b[p] === LF)) p++;
    this.pos = p;
  }

  /** Skips spaces and tabs but stops at a line break. */
  skipInlineSpace(): void {
    const b = this.bytes;
    let p = this.pos;
    while (p < b.length && isInlineSpace(b[p])) p++;
    this.pos = p;
  }

  skipLine(): void {
    const b = this.bytes;
    let p = this.pos;
    while (p < b.length && b[p] !== LF) p++;
    this.pos = p < b.length ? p + 1 : p;
  }

  atLineEnd(): boolean {
    return this.pos >= this.bytes.length || this.bytes[this.pos] === LF;
  }

  /** Reads the next run of non-whitespace bytes, lower-cased, as a string (keywords are short). */
  readWord(maxLength = 64): string {
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    while (p < b.length && !isInlineSpace(b[p]) && b[p] !== LF) p++;
    this.pos = p;
    const end = Math.min(p, start + maxLength);
    let word = '';
    for (let i = start; i < end; i++) {
      const c = b[i];
      word += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
    }
    return word;
  }

  /** True when the bytes at the cursor spell `lowerWord` in any case, followed by whitespace or the end. */
  peekKeyword(lowerWord: string): boolean {
    const b = this.bytes;
    const p = this.pos;
    if (p + lowerWord.length > b.length) return false;
    for (let i = 0; i < lowerWord.length; i++) {
      let c = b[p + i];
      if (c >= 0x41 && c <= 0x5a) c += 32;
      if (c !== lowerWord.charCodeAt(i)) return false;
    }
    const after = p + lowerWord.length;
    return after >= b.length || isInlineSpace(b[after]) || b[after] === LF;
  }

  /**
   * Parses a decimal number (sign, digits, fraction, exponent) at the cursor. Returns NaN when there is none;
   * the cursor then stays put. Mantissas longer than 15 digits fall back to `Number()` for exactness.
   */
  readNumber(): number {
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    let negative = false;
    if (b[p] === 0x2d) {
      negative = true;
      p++;
    } else if (b[p] === 0x2b) {
      p++;
    }
    let mantissa = 0;
    let digits = 0;
    let exponent = 0;
    let c = b[p];
    while (c >= 0x30 && c <= 0x39) {
      if (digits < 15) mantissa = mantissa * 10 + (c - 0x30);
      else exponent++;
      if (digits > 0 || c !== 0x30) digits++;
      c = b[++p];
    }
    let sawDigit = p > start + (negative || b[start] === 0x2b ? 1 : 0);
    if (c === 0x2e) {
      c = b[++p];
      while (c >= 0x30 && c <= 0x39) {
        sawDigit = true;
        if (digits < 15) {
          mantissa = mantissa * 10 + (c - 0x30);
          exponent--;
          if (digits > 0 || c !== 0x30) digits++;
        }
        c = b[++p];
      }
    }
    if (!sawDigit) return NaN;
    if (c === 0x65 || c === 0x45) {
      let q = p + 1;
      let expNegative = false;
      if (b[q] === 0x2d) {
        expNegative = true;
        q++;
      } else if (b[q] === 0x2b) {
        q++;
      }
      let e = 0;
      let expDigits = 0;
      while (b[q] >= 0x30 && b[q] <= 0x39) {
        if (e < 100000) e = e * 10 + (b[q] - 0x30);
        expDigits++;
        q++;
      }
      if (expDigits > 0) {
        exponent += expNegative ? -e : e;
        p = q;
      }
    }
    this.pos = p;
    let value: number;
    if (digits >= 15) {
      value = Number(Buffer.from(b.buffer, b.byteOffset + start, p - start).toString('latin1'));
      return value;
    }
    if (exponent === 0) value = mantissa;
    else if (exponent > 0 && exponent <= 22) value = mantissa * POW10[exponent];
    else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent];
    else value = mantissa * Math.pow(10, exponent);
    return negative ? -value : value;
  }

  /** 1-based line number of a byte offset; only computed when building an error message. */
  lineAt(offset = this.pos): number {
    const b = this.bytes;
    let line = 1;
    const end = Math.min(offset, b.length);
    for (let i = 0; i < end; i++) if (b[i] === LF) line++;
    return line;
  }

  /** A short printable excerpt of the text at the cursor, for error messages. */
  excerpt(length = 24): string {
    const end = Math.min(this.bytes.length, this.pos + length);
    let text = '';
    for (let i = this.pos; i < end; i++) {
      const c = this.bytes[i];
      if (c === LF) break;
      text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
    }
    return text.length === 0 ? 'end of line' : `"${text}"`;
  }
}

import { GeometryParseError, formatCount } from '../geometry.errors';
import { ByteScanner } from '../text/byte-scanner';

/**
 * A deliberately small XML reader for 3MF parts. No DTDs and no entity declarations are accepted (no
 * billion-laughs, no external entities); only the five predefined entities and character references are
 * decoded. Elements are reported as they open and close; attribute values are decoded only when asked for.
 */
export interface XmlHandler {
  /** `name` is the local name (namespace prefix removed). */
  open(name: string, attributes: XmlAttributes): void;
  close(name: string): void;
}

export interface XmlLimits {
  maxDepth: number;
  maxAttributes: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 128, maxAttributes: 256 };

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isNameChar(c: number): boolean {
  return c !== undefined && !isSpace(c) && c !== GT && c !== SLASH && c !== EQ && c !== LT && c !== 0x22 && c !== 0x27;
}

export class XmlAttributes {
  readonly names: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  count = 0;
  private readonly scanner: ByteScanner;

  constructor(private readonly bytes: Uint8Array) {
    this.scanner = new ByteScanner(bytes);
  }

  private indexOf(localName: string): number {
    for (let i = 0; i < this.count; i++) {
      const name = this.names[i];
      if (name === localName) return i;
      const colon = name.indexOf(':');
      if (colon >= 0 && name.slice(colon + 1) === localName && !name.startsWith('xmlns')) return i;
    }
    return -1;
  }

  has(localName: string): boolean {
    return this.indexOf(localName) >= 0;
  }

  get(localName: string): string | undefined {
    const i = this.indexOf(localName);
    if (i < 0) return undefined;
    const raw = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.starts[i], this.ends[i] - this.starts[i]).toString('utf8');
    return raw.includes('&') ? decodeEntities(raw) : raw;
  }

  /** The attribute as a number, NaN when it is not one, undefined when absent. Parsed from the bytes. */
  getNumber(localName: string): number | undefined {
    const i = this.indexOf(localName);
    if (i < 0) return undefined;
    const s = this.scanner;
    s.pos = this.starts[i];
    const end = this.ends[i];
    while (s.pos < end && isSpace(this.bytes[s.pos])) s.pos++;
    const value = s.readNumber();
    while (s.pos < end && isSpace(this.bytes[s.pos])) s.pos++;
    if (s.pos !== end) {
      const text = this.get(localName) ?? '';
      return text.trim() === '' ? NaN : Number(text);
    }
    return value;
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&([^;&]{0,16});/g, (_match, entity: string) => {
    if (entity in PREDEFINED) return PREDEFINED[entity];
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : entity.startsWith('#') ? parseInt(entity.slice(1), 10) : NaN;
    if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    throw new GeometryParseError('XML_INVALID', `The 3MF XML uses an undefined entity "&${entity};"; only &lt; &gt; &amp; &quot; &apos; and character references are allowed.`);
  });
}

export function tokenizeXml(bytes: Uint8Array, partName: string, handler: XmlHandler, limits: XmlLimits = DEFAULT_LIMITS): void {
  const attributes = new XmlAttributes(bytes);
  const stack: string[] = [];
  const length = bytes.length;
  let rootSeen = false;
  let p = 0;

  const lineOf = (offset: number): number => new ByteScanner(bytes).lineAt(offset);
  const fail = (problem: string, at = p): never => {
    throw new GeometryParseError('XML_INVALID', `The 3MF part "${partName}" is not well-formed XML (line ${formatCount(lineOf(at))}): ${problem}.`);
  };
  const indexOfSequence = (from: number, sequence: number[]): number => {
    outer: for (let i = from; i + sequence.length <= length; i++) {
      for (let k = 0; k < sequence.length; k++) if (bytes[i + k] !== sequence[k]) continue outer;
      return i;
    }
    return -1;
  };
  const readName = (): string => {
    const start = p;
    while (p < length && isNameChar(bytes[p])) p++;
    if (p === start) fail('a tag has no name');
    if (p - start > 256) fail('a tag name is longer than 256 characters');
    let name = '';
    for (let i = start; i < p; i++) name += String.fromCharCode(bytes[i]);
    return name;
  };

  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) p = 3;
  while (p < length) {
    const lt = bytes.indexOf(LT, p);
    if (lt < 0) break;
    p = lt + 1;
    const next = bytes[p];
    if (next === 0x3f) {
      const end = indexOfSequence(p, [0x3f, GT]);
      if (end < 0) fail('a processing instruction is not closed');
      p = end + 2;
    } else if (next === 0x21) {
      if (bytes[p + 1] === 0x2d && bytes[p + 2] === 0x2d) {
        const end = indexOfSequence(p + 3, [0x2d, 0x2d, GT]);
        if (end < 0) fail('a comment is not closed');
        p = end + 3;
      } else if (startsWithAt(bytes, p + 1, '[CDATA[')) {
        const end = indexOfSequence(p + 8, [0x5d, 0x5d, GT]);
        if (end < 0) fail('a CDATA section is not closed');
        p = end + 3;
      } else {
        const what = Buffer.from(bytes.buffer, bytes.byteOffset + p - 1, Math.min(10, length - p + 1)).toString('latin1');
        throw new GeometryParseError(
          'XML_FORBIDDEN_DTD',
          `The 3MF part "${partName}" contains a document type or entity declaration ("${what.split(/\s/)[0]}"), which 3MF does not allow and Partsmith refuses for safety; export the file again without it.`,
        );
      }
    } else if (next === SLASH) {
      p++;
      const name = readName();
      while (p < length && isSpace(bytes[p])) p++;
      if (bytes[p] !== GT) fail(`the closing tag </${name}> is not closed with ">"`);
      p++;
      const open = stack.pop();
      if (open !== name) fail(open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>`);
      handler.close(localName(name));
    } else {
      if (stack.length === 0 && rootSeen) fail('there is more than one root element');
      const name = readName();
      attributes.count = 0;
      let selfClosing = false;
      for (;;) {
        while (p < length && isSpace(bytes[p])) p++;
        if (p >= length) fail(`<${name}> is not closed`);
        const c = bytes[p];
        if (c === GT) {
          p++;
          break;
        }
        if (c === SLASH) {
          if (bytes[p + 1] !== GT) fail(`stray "/" in <${name}>`);
          p += 2;
          selfClosing = true;
          break;
        }
        const attributeName = readName();
        while (p < length && isSpace(bytes[p])) p++;
        if (bytes[p] !== EQ) fail(`attribute ${attributeName} of <${name}> has no value`);
        p++;
        while (p < length && isSpace(bytes[p])) p++;
        const quote = bytes[p];
        if (quote !== 0x22 && quote !== 0x27) fail(`attribute ${attributeName} of <${name}> is not quoted`);
        const valueEnd = bytes.indexOf(quote, p + 1);
        if (valueEnd < 0) fail(`attribute ${attributeName} of <${name}> is not closed`);
        const ltInside = bytes.indexOf(LT, p + 1);
        if (ltInside >= 0 && ltInside < valueEnd) fail(`attribute ${attributeName} of <${name}> contains "<"`);
        for (let i = 0; i < attributes.count; i++) if (attributes.names[i] === attributeName) fail(`<${name}> repeats attribute ${attributeName}`);
        if (attributes.count >= limits.maxAttributes) fail(`<${name}> has more than ${limits.maxAttributes} attributes`);
        attributes.names[attributes.count] = attributeName;
        attributes.starts[attributes.count] = p + 1;
        attributes.ends[attributes.count] = valueEnd;
        attributes.count++;
        p = valueEnd + 1;
      }
      rootSeen = true;
      const local = localName(name);
      handler.open(local, attributes);
      if (selfClosing) {
        handler.close(local);
      } else {
        if (stack.length >= limits.maxDepth) fail(`elements are nested more than ${limits.maxDepth} deep`);
        stack.push(name);
      }
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]}> is never closed`, length);
  if (!rootSeen) fail('there is no root element', 0);
}

function startsWithAt(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

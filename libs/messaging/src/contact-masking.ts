/**
 * Masks e-mail addresses and phone numbers in message bodies, so designers and factories keep their
 * business on the platform (escrow, disputes and scorecards only work there). Pure: no Nest, no database.
 *
 * E-mail: `name@domain.tld`, with spaces around the separators, and the usual obfuscations — `name at
 * domain dot com`, `name (at) domain (dot) co (dot) uk`, `name[at]domain[dot]com`, `name -at- domain`.
 * A spelled-out "at" only counts when the address ends in a known top-level domain, so "look at drawing
 * dot pdf" stays.
 *
 * Phone: a run of digits with phone separators (space, hyphen, dot, slash, parentheses), optionally led by
 * `+` or `00`, also with digits spelled out ("zero one seven six …"). It is masked when it has
 * - a leading `+`/`00` and 8–15 digits (E.164 allows at most 15), or
 * - 9–15 digits, or 7–15 digits that start with a trunk `0` or an area code in parentheses, or
 * - 6–15 digits right after a word such as "call", "phone", "tel", "mobile", "WhatsApp".
 * It is left alone when it reads as something else a manufacturing message is full of: a date
 * (2026-11-22, 22.11.2026, 11/22/2026), a measure (followed by a unit such as mm, in, kg, pcs, or next
 * to "x"/"×" as in 12.5 x 40 mm), a number glued to letters (part numbers like PN-4471-2209-A, M6x20,
 * ISO 2768-m), a number after a reference word (PN, part no, order, PO, drawing, lot, serial, rev, #),
 * a decimal or a thousands-grouped amount (1.234.567).
 */

export const EMAIL_MASK = '[email removed]';
export const PHONE_MASK = '[phone removed]';

export interface MaskResult {
  text: string;
  emails: number;
  phones: number;
}

const TLDS = [
  'com', 'net', 'org', 'info', 'biz', 'io', 'co', 'ai', 'app', 'dev', 'eu', 'edu', 'gov', 'me', 'xyz', 'online', 'shop', 'tech',
  'de', 'uk', 'us', 'fr', 'it', 'es', 'nl', 'be', 'ch', 'at', 'se', 'no', 'dk', 'fi', 'pl', 'cz', 'sk', 'pt', 'ie', 'gr', 'hu', 'ro',
  'ru', 'ua', 'tr', 'cn', 'jp', 'kr', 'in', 'vn', 'tw', 'hk', 'sg', 'my', 'th', 'id', 'ph', 'au', 'nz', 'ca', 'mx', 'br', 'ar', 'cl',
  'za', 'il', 'ae',
];
const TLD = `(?:${TLDS.join('|')})`;
// Starts only where a run of address characters starts: trying every position inside a long run would be quadratic.
const LOCAL = `(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9][A-Za-z0-9._%+\\-]*`;
const LABEL = `[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?`;
const BRACKETED = (word: string) => `\\s*[([{<]\\s*${word}\\s*[)\\]}>]\\s*`;

/** `@` as typed, or an obfuscated "at"; `.` as typed, or an obfuscated "dot". */
const AT_SYMBOL = `\\s*(?:@|＠)\\s*`;
const AT_WORD = `(?:${BRACKETED('at')}|\\s*-at-\\s*|\\s+at\\s+)`;
const DOT = `(?:\\s*\\.\\s*|${BRACKETED('dot')}|\\s*-dot-\\s*|\\s+dot\\s+)`;

const EMAIL_WITH_SYMBOL = new RegExp(`${LOCAL}${AT_SYMBOL}${LABEL}(?:${DOT}${LABEL})*${DOT}[A-Za-z]{2,24}\\b`, 'gi');
const EMAIL_WITH_WORD = new RegExp(`${LOCAL}${AT_WORD}${LABEL}(?:${DOT}${LABEL})*${DOT}${TLD}\\b`, 'gi');

const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  null: '0', eins: '1', zwei: '2', drei: '3', vier: '4', fünf: '5', sechs: '6', sieben: '7', acht: '8', neun: '9',
};
const DIGIT_WORD = `(?:${Object.keys(DIGIT_WORDS).join('|')})`;
/** One unit of a phone number: digits, or a spelled-out digit. */
const PHONE_ATOM = `(?:\\d+|${DIGIT_WORD}\\b)`;
const PHONE_SEPARATOR = `(?:[ \\t]?[-./][ \\t]?|[ \\t]{1,2}|[ \\t]?[()][ \\t]?)`;
const PHONE_CANDIDATE = new RegExp(`(?:\\+|＋|\\b00|\\()?[ \\t]?${PHONE_ATOM}(?:${PHONE_SEPARATOR}${PHONE_ATOM})*\\)?`, 'gi');

const UNITS = ['mm', 'cm', 'm', 'µm', 'um', 'μm', 'in', 'inch', 'inches', 'ft', 'kg', 'g', 'lb', 'lbs', 'pcs', 'pc', 'pieces', 'parts', 'units', 'x', '×', '°', '%', 'h', 'hrs', 'hours', 'min', 'days', 'weeks', 'nm', 'n·m', 'mpa', 'gpa', 'hrc', 'ra', 'eur', 'usd', 'sek', '€', '$'];
const UNIT_AFTER = new RegExp(`^\\s*(?:${UNITS.map(escape).join('|')})(?![A-Za-z])`, 'i');
const DIMENSION_BEFORE = /[x×]\s*$/i;
const REFERENCE_BEFORE = /(?:\b(?:p\/?n|part|art(?:icle)?|item|order|po|invoice|drawing|dwg|rev(?:ision)?|lot|batch|serial|s\/?n|ref(?:erence)?|sku|iso|din|en|astm|asme|ansi)(?:\s*(?:no|nr|number))?\.?\s*[:#]?\s*|#\s*)$/i;
const PHONE_WORD_BEFORE = /\b(?:call|phone|tel|telephone|mobile|mob|cell|whats\s*app|wa|signal|telegram|sms|text|fax|ring|reach|dial|handy|telefon)\b[^\n\d]{0,20}$/i;
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2}))$/;
const THOUSANDS = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;
const DECIMAL = /^\d+[.,]\d+$/;

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The digits a candidate stands for, with spelled-out digits turned into digits. */
function digitsOf(candidate: string): string {
  return candidate.replace(new RegExp(`${DIGIT_WORD}\\b`, 'gi'), (word) => DIGIT_WORDS[word.toLowerCase()]).replace(/\D/g, '');
}

function isPhone(text: string, start: number, end: number): boolean {
  const raw = text.slice(start, end);
  const candidate = raw.trim();
  const digits = digitsOf(candidate);
  if (digits.length < 6 || digits.length > 17) return false;
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end);
  const spelled = /[a-z]/i.test(candidate);
  if (spelled && candidate.split(/[\s\-./()]+/).filter(Boolean).length < 6) return false; // "one two" is not a phone number
  // Glued to letters (part numbers, thread callouts, standards) or to a measure.
  if (/[A-Za-z0-9_]$/.test(before) || /^[A-Za-z_]/.test(after) || /^-[A-Za-z]/.test(after)) return false;
  if (/^[.,]\d/.test(after) || /\d[.,]$/.test(before)) return false;
  if (UNIT_AFTER.test(after) || DIMENSION_BEFORE.test(before)) return false;
  const bare = candidate.replace(/^[(+＋]+|[)]+$/g, '');
  if (DATE.test(bare) || THOUSANDS.test(bare) || DECIMAL.test(bare)) return false;
  const international = /^(?:\+|＋|00)/.test(candidate);
  const nearPhoneWord = PHONE_WORD_BEFORE.test(before);
  if (!international && !nearPhoneWord && REFERENCE_BEFORE.test(before)) return false;
  if (digits.length > 15) return false;
  if (international) return digits.length >= (candidate.startsWith('00') ? 10 : 8);
  if (nearPhoneWord) return true;
  if (digits.length >= 9) return true;
  return digits.length >= 7 && (digits.startsWith('0') || candidate.startsWith('('));
}

/** The body with every e-mail address and phone number replaced, and how many of each were found. */
export function maskContactDetails(body: string): MaskResult {
  let emails = 0;
  let phones = 0;
  const count = () => {
    emails++;
    return EMAIL_MASK;
  };
  let text = body.replace(EMAIL_WITH_SYMBOL, count).replace(EMAIL_WITH_WORD, count);
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    let start = match.index;
    let end = start + match[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    // A closing parenthesis that opens nothing belongs to the sentence, not the number.
    if (text[end - 1] === ')' && !text.slice(start, end).includes('(')) end--;
    if (isPhone(text, start, end)) spans.push([start, end]);
  }
  for (const [start, end] of spans.reverse()) {
    text = `${text.slice(0, start)}${PHONE_MASK}${text.slice(end)}`;
    phones++;
  }
  return { text, emails, phones };
}

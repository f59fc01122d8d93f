import { invalidRequest, missingParam } from './errors';
import type { FormObject, FormValue } from './form-decode';

/** ISO codes Stripe settles in that the emulator accepts; the minimums mirror Stripe's charge minimums. */
const MINIMUM_CHARGE: Record<string, number> = {
  usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, dkk: 250, nok: 300, sek: 300, pln: 200, czk: 1500,
  jpy: 50, nzd: 50, sgd: 50, hkd: 400, mxn: 1000, brl: 50,
};
export const SUPPORTED_CURRENCIES = Object.keys(MINIMUM_CHARGE);
const ZERO_DECIMAL = new Set(['jpy']);

export function minimumChargeAmount(currency: string): number {
  return MINIMUM_CHARGE[currency] ?? 50;
}

export function formatMoney(amount: number, currency: string): string {
  const major = ZERO_DECIMAL.has(currency) ? String(amount) : (amount / 100).toFixed(2);
  return `${major} ${currency}`;
}

/**
 * Typed, validating access to decoded request params. Errors carry Stripe's messages and the full
 * bracketed param name (`automatic_payment_methods[enabled]`) so the SDK error points at the culprit.
 */
export class Params {
  private constructor(
    private readonly raw: FormObject,
    private readonly prefix: string,
  ) {}

  static of(raw: FormObject): Params {
    return new Params(raw, '');
  }

  /** Refuses parameters the endpoint doesn't know, like Stripe's "Received unknown parameter". */
  allowOnly(...names: string[]): this {
    const allowed = new Set([...names, 'expand']);
    for (const key of Object.keys(this.raw)) {
      if (!allowed.has(key)) {
        throw invalidRequest(`Received unknown parameter: ${this.name(key)}`, { param: this.name(key) });
      }
    }
    return this;
  }

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  keys(): string[] {
    return Object.keys(this.raw);
  }

  string(key: string, options: { required?: boolean; maxLength?: number } = {}): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === '') {
      if (options.required) throw missingParam(this.name(key));
      return undefined;
    }
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${this.name(key)} must be a string.`, { param: this.name(key) });
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      throw invalidRequest(`Invalid string: ${this.name(key)} must be at most ${options.maxLength} characters.`, { param: this.name(key) });
    }
    return value;
  }

  requiredString(key: string): string {
    return this.string(key, { required: true }) as string;
  }

  oneOf<T extends string>(key: string, values: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const value = this.string(key, options);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw invalidRequest(`Invalid ${this.name(key)}: must be one of ${values.join(', ')}`, { param: this.name(key) });
    }
    return value as T;
  }

  integer(key: string, options: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const text = this.string(key, { required: options.required });
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      throw invalidRequest(`Invalid integer: ${text}`, { param: this.name(key), code: 'parameter_invalid_integer' });
    }
    const value = Number(text);
    if (options.min !== undefined && value < options.min) {
      throw invalidRequest(`This value must be greater than or equal to ${options.min}.`, { param: this.name(key), code: 'parameter_invalid_integer' });
    }
    if (options.max !== undefined && value > options.max) {
      throw invalidRequest(`This value must be less than or equal to ${options.max}.`, { param: this.name(key), code: 'parameter_invalid_integer' });
    }
    return value;
  }

  /** A money amount in minor units: a positive integer (Stripe caps amounts at 99999999). */
  amount(key: string, options: { required?: boolean } = {}): number | undefined {
    return this.integer(key, { ...options, min: 1, max: 99_999_999 });
  }

  requiredAmount(key: string): number {
    return this.amount(key, { required: true }) as number;
  }

  boolean(key: string): boolean | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false') {
      throw invalidRequest(`Invalid boolean: ${text}`, { param: this.name(key) });
    }
    return text === 'true';
  }

  /** Three-letter ISO code; Stripe normalises case and answers in lowercase. */
  currency(key: string, options: { required?: boolean } = {}): string | undefined {
    const text = this.string(key, options);
    if (text === undefined) return undefined;
    const currency = text.toLowerCase();
    if (!/^[a-z]{3}$/.test(currency) || !SUPPORTED_CURRENCIES.includes(currency)) {
      throw invalidRequest(
        `Invalid currency: ${text}. Stripe currently supports these currencies: ${SUPPORTED_CURRENCIES.join(', ')}`,
        { param: this.name(key) },
      );
    }
    return currency;
  }

  requiredCurrency(key: string): string {
    return this.currency(key, { required: true }) as string;
  }

  url(key: string, options: { required?: boolean } = {}): string | undefined {
    const text = this.string(key, options);
    if (text === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(text);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw invalidRequest(`Not a valid URL`, { param: this.name(key), code: 'url_invalid' });
    }
    return text;
  }

  object(key: string): Params | undefined {
    const value = this.raw[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string') {
      throw invalidRequest(`Invalid object: ${this.name(key)} must be a hash.`, { param: this.name(key) });
    }
    return new Params(value, this.name(key));
  }

  /** `expand[]=a&expand[]=b`, `payment_method_types[0]=card`: a list sent as indexed keys. */
  stringList(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === '') return [];
    if (typeof value === 'string') return [value];
    const entries = Object.entries(value);
    if (!entries.every(([index, item]) => /^\d+$/.test(index) && typeof item === 'string')) {
      throw invalidRequest(`Invalid array: ${this.name(key)} must be a list of strings.`, { param: this.name(key) });
    }
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item as string);
  }

  /**
   * Metadata as a patch: `null` means "clear everything" (`metadata=`), an empty string value removes a key.
   * Enforces Stripe's limits: 50 keys, keys up to 40 characters, values up to 500.
   */
  metadataPatch(key = 'metadata'): Record<string, string> | null | undefined {
    const value: FormValue | undefined = this.raw[key];
    if (value === undefined) return undefined;
    if (value === '') return null;
    if (typeof value === 'string') throw invalidRequest(`Invalid object: ${this.name(key)} must be a hash.`, { param: this.name(key) });
    const patch: Record<string, string> = {};
    for (const [name, item] of Object.entries(value)) {
      const param = `${this.name(key)}[${name}]`;
      if (typeof item !== 'string') throw invalidRequest(`Invalid string: ${param} must be a string.`, { param });
      if (name.length > 40) throw invalidRequest(`Metadata keys can have up to 40 characters; ${param} has ${name.length}.`, { param });
      if (item.length > 500) throw invalidRequest(`Metadata values can have up to 500 characters; ${param} has ${item.length}.`, { param });
      patch[name] = item;
    }
    return patch;
  }
}

export function applyMetadata(current: Record<string, string>, patch: Record<string, string> | null | undefined): Record<string, string> {
  if (patch === undefined) return current;
  if (patch === null) return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > 50) {
    throw invalidRequest('Metadata can have up to 50 keys.', { param: 'metadata' });
  }
  return next;
}

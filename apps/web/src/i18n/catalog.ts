/** A message catalogue: nested areas of strings; `{name}` marks a value filled in at runtime. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/** Same shape as T, every leaf a string: what a translation of T must provide (no more, no less). */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/** "auth.signIn"-style paths to every message of T. */
export type MessageKey<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${MessageKey<T[K]>}`;
}[keyof T & string];

export type Params = Record<string, string | number>;

/** Flattens a catalogue to dotted keys → text. */
export function flatten(catalogue: Catalogue, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into[path] = value;
    else flatten(value, path, into);
  }
  return into;
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than silently vanishing. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

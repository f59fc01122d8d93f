import { invalidRequest } from './errors';

/**
 * A decoded Stripe request body or query string. Leaves are strings; `a[]=x` and `a[0]=x` both become
 * `{ '0': 'x' }` so that callers decide whether a key is a list (`expand`) or a map (`metadata`).
 */
export type FormValue = string | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Decodes `application/x-www-form-urlencoded` with Stripe's bracket nesting (`metadata[order_id]=1`). */
export function decodeForm(encoded: string): FormObject {
  const root: FormObject = {};
  if (encoded.length === 0) return root;
  for (const pair of encoded.split('&')) {
    if (pair.length === 0) continue;
    const separator = pair.indexOf('=');
    const rawKey = separator === -1 ? pair : pair.slice(0, separator);
    const rawValue = separator === -1 ? '' : pair.slice(separator + 1);
    assign(root, parseKey(decodeComponent(rawKey)), decodeComponent(rawValue));
  }
  return root;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw invalidRequest(`Invalid URL encoding in request: ${JSON.stringify(text)}`);
  }
}

function parseKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) throw invalidRequest(`Invalid parameter name: ${JSON.stringify(key)}`);
  const segments = [match[1]];
  for (const bracket of match[2].matchAll(/\[([^[\]]*)\]/g)) segments.push(bracket[1]);
  for (const segment of segments) {
    if (FORBIDDEN_KEYS.has(segment)) throw invalidRequest(`Invalid parameter name: ${JSON.stringify(key)}`);
  }
  return segments;
}

function assign(root: FormObject, segments: string[], value: string): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const isLast = i === segments.length - 1;
    // `expand[]=a&expand[]=b` appends: an empty segment takes the next free index.
    const segment = segments[i] === '' ? String(Object.keys(node).length) : segments[i];
    const existing = node[segment];
    if (isLast) {
      if (typeof existing === 'object') throw conflicting(segments);
      node[segment] = value;
      return;
    }
    if (existing === undefined) {
      const child: FormObject = {};
      node[segment] = child;
      node = child;
    } else if (typeof existing === 'object') {
      node = existing;
    } else if (existing === '') {
      // `metadata=` followed by `metadata[k]=v`: the empty value only meant "clear", nesting wins.
      const child: FormObject = {};
      node[segment] = child;
      node = child;
    } else {
      throw conflicting(segments);
    }
  }
}

function conflicting(segments: string[]) {
  const [head, ...rest] = segments;
  const name = head + rest.map((s) => `[${s}]`).join('');
  return invalidRequest(`Invalid parameter ${name}: given both as a value and as a nested object.`, { param: name });
}

/** Canonical JSON with sorted keys: two requests carry the same params exactly when this matches. */
export function canonicalForm(value: FormValue | undefined): string {
  if (value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalForm(value[k])}`).join(',')}}`;
}

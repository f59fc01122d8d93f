import type { ApiList } from '../model';
import { invalidRequest } from './errors';
import type { Params } from './params';

/**
 * A page of `items` (already newest first) per Stripe's cursor rules: `limit` 1–100 (default 10),
 * `starting_after` / `ending_before` name an object id in the list.
 */
export function paginate<T extends { id: string }>(items: T[], params: Params, url: string): ApiList<T> {
  const limit = params.integer('limit', { min: 1, max: 100 }) ?? 10;
  const startingAfter = params.string('starting_after');
  const endingBefore = params.string('ending_before');
  if (startingAfter && endingBefore) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', { param: 'ending_before' });
  }
  if (startingAfter) {
    const index = cursorIndex(items, startingAfter, 'starting_after');
    const rest = items.slice(index + 1);
    return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore) {
    const index = cursorIndex(items, endingBefore, 'ending_before');
    const before = items.slice(0, index);
    const page = before.slice(Math.max(0, before.length - limit));
    return { object: 'list', data: page, has_more: before.length > limit, url };
  }
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

function cursorIndex(items: Array<{ id: string }>, id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw invalidRequest(`No such object: '${id}'`, { param, code: 'resource_missing', status: 404 });
  return index;
}

export type Resolve = (id: string) => unknown;

/**
 * Applies `expand[]` paths to a response body (already a private JSON copy): each path names a field
 * holding an id, optionally nested (`latest_charge.balance_transaction`) or through a list (`data.charge`).
 */
export function expand(body: unknown, paths: string[], resolve: Resolve): unknown {
  for (const path of paths) {
    if (path.split('.').length > 4) {
      throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, { param: 'expand' });
    }
    expandPath(body, path.split('.'), path, resolve);
  }
  return body;
}

function expandPath(node: unknown, segments: string[], fullPath: string, resolve: Resolve): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) expandPath(item, segments, fullPath, resolve);
    return;
  }
  const record = node as Record<string, unknown>;
  const [head, ...rest] = segments;
  if (!(head in record)) {
    throw invalidRequest(`This property cannot be expanded (${fullPath}).`, { param: 'expand' });
  }
  let value = record[head];
  if (typeof value === 'string') {
    const found = resolve(value);
    if (found === undefined) throw invalidRequest(`This property cannot be expanded (${fullPath}).`, { param: 'expand' });
    value = JSON.parse(JSON.stringify(found));
    record[head] = value;
  }
  if (rest.length > 0) expandPath(value, rest, fullPath, resolve);
}

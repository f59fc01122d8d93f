import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, pageSize, toConnection, type ConnectionArgs, type ConnectionShape } from './connection';

/**
 * One page of a query ordered by (created_at, id) — oldest first, or newest first with `descending` —
 * after the opaque cursor in `args.after`. Needs a timestamptz(3) `created_at` so cursors round-trip exactly.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string; createdAt: Date }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  args: ConnectionArgs,
  maxPageSize: number,
  options: { descending?: boolean } = {},
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args, maxPageSize);
  const totalCount = await query.clone().getCount();
  const order = options.descending ? 'DESC' : 'ASC';
  if (args.after) {
    const cursor = decodeCursor(args.after);
    query.andWhere(`(${alias}.created_at, ${alias}.id) ${options.descending ? '<' : '>'} (:cursorAt, :cursorId)`, {
      cursorAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
  const rows = await query.orderBy(`${alias}.created_at`, order).addOrderBy(`${alias}.id`, order).take(limit + 1).getMany();
  return toConnection(rows, limit, totalCount, Boolean(args.after));
}

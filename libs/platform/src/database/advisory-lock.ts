import type { EntityManager } from 'typeorm';

/**
 * Takes a transaction-scoped PostgreSQL advisory lock named by `key` without waiting. Returns false when
 * another transaction holds it (so two workers never run the same singleton work at once); the lock is
 * released when the transaction ends. Call inside a transaction.
 */
export async function tryAdvisoryXactLock(db: EntityManager, key: string): Promise<boolean> {
  if (!db.queryRunner?.isTransactionActive) throw new Error(`tryAdvisoryXactLock("${key}") needs a transaction`);
  const [row] = await db.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [key]);
  return row.locked === true;
}

import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { UnauthenticatedError } from '../errors';
import { LoaderRegistry } from './loader-registry';

/**
 * Everything a service needs about the current request: who is asking, the request id for logs, the
 * per-request DataLoaders, and the EntityManager to write with. Inside `transaction()` the manager is the
 * transaction's, so every write made through `ctx.db` commits or rolls back together.
 */
export class RequestContext {
  private manager: EntityManager;

  constructor(
    dataSource: DataSource,
    readonly principal: Principal | null,
    readonly requestId: string = randomUUID(),
    /** Why a presented token was not accepted (expired, revoked…), reported when a principal is required. */
    readonly authProblem?: string,
    readonly meta: { ip?: string; userAgent?: string } = {},
  ) {
    this.manager = dataSource.manager;
  }

  /** A context for jobs, seeds and the CLI: no caller, full trust decided by the code that uses it. */
  static system(dataSource: DataSource, requestId?: string): RequestContext {
    return new RequestContext(dataSource, null, requestId ?? `system-${randomUUID()}`);
  }

  readonly loaders = new LoaderRegistry();

  get db(): EntityManager {
    return this.manager;
  }

  get inTransaction(): boolean {
    return this.manager.queryRunner?.isTransactionActive ?? false;
  }

  /** Runs `work` in a transaction (joining the current one if there is one). */
  async transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this.manager);
    const outer = this.manager;
    return outer.transaction(async (db) => {
      this.manager = db;
      try {
        return await work(db);
      } finally {
        this.manager = outer;
      }
    });
  }

  requirePrincipal(): Principal {
    if (!this.principal) {
      throw new UnauthenticatedError(this.authProblem ?? 'Sign in first: this needs an access token (Authorization: Bearer …)');
    }
    return this.principal;
  }
}

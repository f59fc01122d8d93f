import { ALL_MIGRATIONS } from '../../../../prisma-free-migrations';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config';

export function dataSourceOptions(config: Pick<AppConfig, 'database'>, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    entities,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: config.database.poolSize, connectionTimeoutMillis: config.database.connectTimeoutMs ?? 10_000, application_name: 'partsmith' },
  };
}

/** A standalone data source (CLI, test setup): migrations only, no entities needed. */
export function createMigrationDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions({ database: { url: databaseUrl, poolSize: 2 } }));
}

export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = await createMigrationDataSource(databaseUrl).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function revertLastMigration(databaseUrl: string): Promise<string | null> {
  const dataSource = await createMigrationDataSource(databaseUrl).initialize();
  try {
    const before = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
    await dataSource.undoLastMigration({ transaction: 'each' });
    return before[0]?.name ?? null;
  } finally {
    await dataSource.destroy();
  }
}

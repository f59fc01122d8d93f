import type { Command } from 'commander';
import { createObjectStorage, loadConfig, revertLastMigration, runMigrations } from '@partsmith/platform';
import { PasswordService } from '@partsmith/identity';
import { DataSource } from 'typeorm';
import { prepareLocalEnvironment } from '../local-environment';
import { seedDemo } from '../seed/demo-seed';

const say = (line: string) => process.stderr.write(`partsmith: ${line}\n`);

async function withDatabase<T>(work: (databaseUrl: string, env: Record<string, string | undefined>) => Promise<T>): Promise<T> {
  const local = await prepareLocalEnvironment({ redis: false, log: say });
  try {
    return await work(local.env.DATABASE_URL!, local.env);
  } finally {
    await local.stop();
  }
}

export async function seedDatabase(env: Record<string, string | undefined>) {
  const config = loadConfig(env);
  const dataSource = await new DataSource({ type: 'postgres', url: config.database.url, extra: { max: 2 } }).initialize();
  try {
    const passwords = new PasswordService(config);
    return await seedDemo(dataSource, (password) => passwords.hash(password), createObjectStorage(config));
  } finally {
    await dataSource.destroy();
  }
}

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations (DATABASE_URL, or the local database under .data/)')
    .action(async () => {
      const applied = await withDatabase((url) => runMigrations(url));
      say(applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date');
    });

  program
    .command('migrate:revert')
    .description('revert the most recent migration')
    .action(async () => {
      const reverted = await withDatabase((url) => revertLastMigration(url));
      say(reverted ? `reverted ${reverted}` : 'nothing to revert');
    });

  program
    .command('seed')
    .description('migrate, then add the demo marketplace (idempotent)')
    .action(async () => {
      const report = await withDatabase(async (url, env) => {
        await runMigrations(url);
        return seedDatabase(env);
      });
      say(`seeded: ${report.organizationsCreated} organisations and ${report.usersCreated} users created, ${report.factoriesCreated} factory profiles`);
    });
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, loadConfig, preflight, runMigrations, spawnService, stopProcess, type ManagedProcess } from '@partsmith/platform';
import { prepareLocalEnvironment } from '../local-environment';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from '../seed/demo-data';
import { seedDatabase } from './database.command';

const say = (line: string) => process.stdout.write(`partsmith: ${line}\n`);
const distRoot = join(__dirname, '..', '..', '..', '..');

async function waitForHttp(url: string, child: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the API exited while starting:\n${child.output()}`);
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not answer at ${url} within ${timeoutMs / 1000} s`);
}

function banner(apiUrl: string, stripeEmulatorUrl?: string): string {
  const logins = DEMO_ORGANIZATIONS.filter((org) => !org.suspendedReason)
    .slice(0, 6)
    .map((org) => `    ${org.members[0].email.padEnd(28)} ${org.members[0].role.padEnd(14)} ${org.name} (${org.country})`);
  return [
    '',
    `  Partsmith is running.`,
    `    Web app (designers, factories, operators): ${apiUrl}/`,
    `    GraphQL (GraphiQL in the browser):  ${apiUrl}/graphql`,
    `    Health / metrics:                   ${apiUrl}/health  ${apiUrl}/metrics`,
    `    Queue dashboard (operators):        ${apiUrl}/admin/queues`,
    stripeEmulatorUrl
      ? `    Stripe (local emulator, in memory): ${stripeEmulatorUrl}  (set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and the webhook secrets for Stripe test mode)`
      : '    Stripe: the account of STRIPE_SECRET_KEY',
    '',
    `  Demo logins (password "${DEMO_PASSWORD}"; mutation login(input: {email, password})):`,
    ...logins,
    `    …and every admin@<factory>.test in apps/cli/src/seed/demo-data.ts`,
    '',
    '  Ctrl-C stops the API, the worker, and the PostgreSQL/Redis started here.',
    '',
  ].join('\n');
}

/** Where a running `npm start` can be found (read by `partsmith demo-journey`). */
export const RUN_FILE = 'run.json';

function writeRunFile(dataDir: string, run: { apiUrl: string; stripeEmulatorUrl: string | null; pid: number }): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, RUN_FILE), `${JSON.stringify(run, null, 2)}\n`);
}

/** `npm start`: services, migrations, demo data, then the API and the worker as child processes. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start PostgreSQL and Redis if needed, migrate, seed the demo, run the API and the worker')
    .option('--no-seed', 'skip the demo data')
    .action(async (options: { seed: boolean }) => {
      const local = await prepareLocalEnvironment({ redis: true, stripeEmulator: true, log: say });
      const children: ManagedProcess[] = [];
      let stopping = false;
      const shutdown = async (code: number) => {
        if (stopping) return;
        stopping = true;
        say('stopping…');
        await Promise.all(children.map((child) => stopProcess(child, 'SIGTERM', 15_000)));
        await local.stop();
        process.exit(code);
      };
      process.on('SIGINT', () => void shutdown(0));
      process.on('SIGTERM', () => void shutdown(0));
      try {
        const env = { ...local.env, PORT: local.env.PORT || '4000', HOST: local.env.HOST || '127.0.0.1' };
        const config = loadConfig(env);
        await preflight(config);
        const applied = await runMigrations(config.database.url);
        if (applied.length) say(`migrations applied: ${applied.join(', ')}`);
        if (options.seed) {
          const report = await seedDatabase(env);
          say(`demo data: ${report.organizationsCreated} organisations, ${report.usersCreated} users and ${report.factoriesCreated} factory profiles added`);
        }
        for (const app of ['api', 'worker']) {
          const child = spawnService(process.execPath, [join(distRoot, 'apps', app, 'src', 'main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
          children.push(child);
          void child.exited.then((code) => {
            if (!stopping) {
              say(`the ${app} exited (code ${code}); stopping everything`);
              void shutdown(1);
            }
          });
        }
        const apiUrl = `http://${config.http.host}:${config.http.port}`;
        await waitForHttp(`${apiUrl}/health/live`, children[0]);
        writeRunFile(config.dataDir, { apiUrl, stripeEmulatorUrl: local.stripeEmulatorUrl ?? null, pid: process.pid });
        process.stdout.write(banner(apiUrl, local.stripeEmulatorUrl));
      } catch (error) {
        process.stderr.write(`partsmith: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
        await shutdown(1);
      }
    });
}

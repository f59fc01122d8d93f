import { configFromProcessOrExit } from '@partsmith/platform';
import { createApiApp } from './create-api-app';

async function main() {
  const config = configFromProcessOrExit();
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  process.stdout.write(`${JSON.stringify({ level: 'info', service: 'partsmith-api', msg: `GraphQL at ${url.replace('[::1]', 'localhost')}/graphql` })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`partsmith-api: ${error.message}\n`);
  process.exit(1);
});

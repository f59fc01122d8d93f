import { configFromProcessOrExit } from '@partsmith/platform';
import { createApiApp } from './create-api-app';
import { webAppDirectory } from './web-app';

async function main() {
  const config = configFromProcessOrExit();
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  process.stdout.write(`${JSON.stringify({ level: 'info', service: 'partsmith-api', msg: `GraphQL at ${url}/graphql` })}\n`);
  if (webAppDirectory()) process.stdout.write(`${JSON.stringify({ level: 'info', service: 'partsmith-api', msg: `web app at ${url}/` })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`partsmith-api: ${error.message}\n`);
  process.exit(1);
});

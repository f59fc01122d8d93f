import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, PinoNestLogger, preflight, type AppConfig } from '@partsmith/platform';
import { ApiModule } from './api.module';
import { mountQueueDashboard } from './queue-dashboard';
import { mountWebApp } from './web-app';

/** Builds the API application (not listening yet). Used by main.ts and by the e2e tests. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  await preflight(config);
  const logger = createLogger(config.logLevel, 'partsmith-api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
    rawBody: true, // Stripe webhook signatures cover the exact bytes (req.rawBody)
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  mountQueueDashboard(app);
  if (!mountWebApp(app)) logger.info('the web app is not built (apps/web/dist is missing): run `npm run build` to serve it');
  return app;
}

import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, PinoNestLogger, preflight, type AppConfig } from '@partsmith/platform';
import { ApiModule } from './api.module';
import { mountQueueDashboard } from './queue-dashboard';
import { mountWebApp } from './web-app';

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than the time a client
 * may spend between two requests on the same pooled connection — e.g. building a 50 MB STL after signing
 * in: the client cannot see our FIN while its event loop is busy, writes the upload into the closed socket
 * and gets EPIPE / ECONNRESET with no response (and nothing in our log, as no request ever arrived).
 * 65 s is longer than the usual proxy / load-balancer idle timeouts (60 s), as their docs ask of upstreams.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

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
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  mountQueueDashboard(app);
  if (!mountWebApp(app)) logger.info('the web app is not built (apps/web/dist is missing): run `npm run build` to serve it');
  return app;
}

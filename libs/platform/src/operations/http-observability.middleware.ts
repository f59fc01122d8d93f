import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER, logScope } from '../logging';
import { MetricsService } from './metrics.service';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Request id (from x-request-id or new), structured access log, HTTP metrics. */
@Injectable()
export class HttpObservabilityMiddleware implements NestMiddleware {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  use(req: Request & { id?: string }, res: Response, next: NextFunction): void {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      this.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      this.metrics.httpDuration.observe({ method: req.method, route }, seconds);
      logScope.run({ requestId }, () =>
        this.logger.info({ method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request'),
      );
    });
    logScope.run({ requestId }, next);
  }
}

function routeLabel(req: Request): string {
  const path = req.originalUrl.split('?')[0];
  if (path.startsWith('/graphql')) return '/graphql';
  if (path.startsWith('/admin/queues')) return '/admin/queues';
  return (req.route?.path as string | undefined) ?? (path.split('/').slice(0, 3).join('/') || '/');
}

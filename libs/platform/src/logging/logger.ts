import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** Per-request (or per-job) values that every log line carries. */
export interface LogScope {
  requestId?: string;
  jobId?: string;
}

export const logScope = new AsyncLocalStorage<LogScope>();

export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...(logScope.getStore() ?? {}) }),
    redact: { paths: ['password', '*.password', 'refreshToken', '*.refreshToken', 'authorization'], censor: '[redacted]' },
  });
}

/** Adapts pino to Nest's LoggerService so framework logs are structured JSON too. */
export class PinoNestLogger implements LoggerService {
  /** Nest's boot chatter (one line per module and route) is debug, not info. */
  private static readonly BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'GraphQLModule', 'NestApplication']);

  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context && PinoNestLogger.BOOT_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export const LOGGER = Symbol('LOGGER');

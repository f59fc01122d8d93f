import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-error';

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

/** REST responses for domain errors: `{ error: { code, message } }` with the matching status. GraphQL has its own mapping. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return error; // GraphQL formats its own errors
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      res.status(STATUS[error.code] ?? 400).json({ error: { code: error.code, message: error.message, ...error.details } });
      return undefined;
    }
    if (error instanceof HttpException) {
      res.status(error.getStatus()).json({ error: { code: `HTTP_${error.getStatus()}`, message: error.message } });
      return undefined;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
    return undefined;
  }
}
